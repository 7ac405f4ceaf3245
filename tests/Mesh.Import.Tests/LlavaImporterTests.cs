using System.Text.Json.Nodes;
using Mesh.Core.Decoding;
using Mesh.Import;
using Mesh.Core.Loading;
using Mesh.Import.Onnx;
using Mesh.Core.Prompting;
using Mesh.Core.Vision;
using Xunit.Abstractions;

namespace Mesh.Import.Tests;

/// <summary>Importing the tiny-llava fixture and running the imported directory end to end.</summary>
public sealed class LlavaImporterTests(ITestOutputHelper output) : IDisposable
{
    readonly TempDirectory _temp = new();

    string Out(string name = "model") => _temp.File(name);

    [Fact]
    public void ImportedFixtureRunsEndToEndWithTheReferenceGreedyIds()
    {
        var summary = LlavaImporter.Import(TestPaths.TinyLlava, Out());
        output.WriteLine($"vision check (relative): {summary.VisionCheckRelativeDiff:E2}");

        using var model = VisionLanguageModel.Load(Out(), new ModelLoadOptions { Device = ExecutionDevice.Cpu });
        var image = model.EncodeImage(File.ReadAllBytes(Path.Combine(TestPaths.TinyLlava, "image.png")));
        Reference.AssertClose(Reference.ReadF32(TinyLlavaFixture.ReferenceFile, "image_features"), image.Data, 1e-5f, "imported image_features");

        var ids = Reference.ReadI64(TinyLlavaFixture.ReferenceFile, "input_ids");
        var layout = ImageTokenExpansion.Expand(ids, model.Config.ImageTokenIndex!.Value, model.Config.ImageSeqLength);
        using var embeds = model.EmbedPrompt(layout, image);
        var result = Generation.Generate(model.Decoder, embeds, new GenerationOptions { MaxNewTokens = TinyLlavaFixture.GeneratedTokens });
        Assert.Equal(Reference.ReadI64(TinyLlavaFixture.ReferenceFile, "generated_ids"), result.TokenIds.Select(i => (long)i));

        Assert.Equal(ChatTemplate.Llava15, model.Template);
        Assert.Equal(["preprocessor_config.json", "generation_config.json"], summary.CopiedFiles);
        Assert.Equal((OnnxPrecision.F32, 2, 16, 64, 42), (summary.VisionPrecision, summary.VisionLayers, summary.ImageTokens, summary.ImageFeatureWidth, summary.WeightTensors));
        Assert.Empty(summary.IgnoredTensors);
        Assert.InRange(summary.VisionCheckRelativeDiff, 0f, 1e-5f);
    }

    [Fact]
    public void WritesTheMeshSectionAndKeepsTheHuggingFaceConfig()
    {
        LlavaImporter.Import(TestPaths.TinyLlava, Out());
        var written = JsonNode.Parse(File.ReadAllText(Path.Combine(Out(), "config.json")))!.AsObject();
        var mesh = written["mesh"]!.AsObject();
        written.Remove("mesh");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.TinyLlava, "config.json"))), written));
        Assert.Equal(ChatTemplate.Llava15.Template, (string?)mesh["chat_template"]);
        Assert.Equal(ChatTemplate.Llava15.FollowUp, (string?)mesh["follow_up_template"]);
        Assert.Equal("llava-1.5", (string?)mesh["template_family"]);
        Assert.Equal("[4,4]", mesh["image_grid"]!.ToJsonString());
    }

    [Fact]
    public void DecoderAndProjectorOnlyInTheWeights()
    {
        LlavaImporter.Import(TestPaths.TinyLlava, Out());
        using var written = Checkpoint.Open(Out());
        using var source = Checkpoint.Open(TestPaths.TinyLlava);
        var expected = source.Names.Where(n => !n.StartsWith("vision_tower.")).Order();
        Assert.Equal(expected, written.Names.Order());
        foreach (var name in written.Names)
        {
            using var a = written.LoadTensor(name);
            using var b = source.LoadTensor(name);
            Assert.True(Identical(a, b), $"{name} changed");
        }
    }

    [Theory]
    [InlineData(SafeTensorDType.F16)]
    [InlineData(SafeTensorDType.BF16)]
    public void ConvertsWeightsOnRequest(SafeTensorDType dtype)
    {
        var summary = LlavaImporter.Import(TestPaths.TinyLlava, Out(), new ImportOptions { WeightsDType = dtype });
        Assert.Equal($"{dtype} x42", summary.WeightDTypes);
        using var written = Checkpoint.Open(Out());
        using var source = Checkpoint.Open(TestPaths.TinyLlava);
        const string name = "multi_modal_projector.linear_1.weight";
        Assert.Equal(dtype, written.Info(name).DType);
        using var expected = source.LoadTensor(name, dtype.ToScalarType());
        using var actual = written.LoadTensor(name);
        Assert.True(Identical(actual, expected));
        Assert.Equal(dtype == SafeTensorDType.F16 ? "float16" : "bfloat16", (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(Out(), "config.json")))!["torch_dtype"]);
    }

    [Fact]
    public void Float16TowerGivesAnF16GraphByDefault()
    {
        using var source = HfSourceFolder.Create(dtype: TorchSharp.torch.float16);
        var summary = LlavaImporter.Import(source.Path, Out());
        Assert.Equal(OnnxPrecision.F16, summary.VisionPrecision);
        Assert.Equal("F16 x42", summary.WeightDTypes);
        output.WriteLine($"F16 vision check (relative): {summary.VisionCheckRelativeDiff:E2}");
        Assert.InRange(summary.VisionCheckRelativeDiff, 1e-6f, Reference.HalfPrecisionTolerance(1f));

        // The model loader takes the F16 graph as it is: float32 in and out.
        using var model = VisionLanguageModel.Load(Out(), new ModelLoadOptions { Device = ExecutionDevice.Cpu });
        var image = model.EncodeImage(File.ReadAllBytes(Path.Combine(TestPaths.TinyLlava, "image.png")));
        var expected = Reference.ReadF32(TinyLlavaFixture.ReferenceFile, "image_features");
        Reference.AssertClose(expected, image.Data, Reference.HalfPrecisionTolerance(expected.Max(Math.Abs)), "F16 image_features");
    }

    [Fact]
    public void TransformersNestedNamesAreWrittenUnderTheLegacyNames()
    {
        using var nested = HfSourceFolder.Create(rename: HfSourceFolder.Nested);
        var summary = LlavaImporter.Import(nested.Path, Out("nested"));
        LlavaImporter.Import(TestPaths.TinyLlava, Out("legacy"));
        Assert.Equal(LlavaLayout.Nested, summary.Layout);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Out("legacy"), "model.safetensors")), File.ReadAllBytes(Path.Combine(Out("nested"), "model.safetensors")));
        using var model = VisionLanguageModel.Load(Out("nested"), new ModelLoadOptions { Device = ExecutionDevice.Cpu });
        Assert.Equal(16, model.Vision!.Tokens);
    }

    static bool Identical(TorchSharp.torch.Tensor a, TorchSharp.torch.Tensor b) =>
        a.dtype == b.dtype && a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    public void Dispose() => _temp.Dispose();
}
