using Mesh.Import;
using Mesh.Core.Loading;

namespace Mesh.Import.Tests;

/// <summary>Unsupported models and malformed checkpoints fail before anything is written, naming what was wrong.</summary>
public sealed class LlavaImporterErrorTests : IDisposable
{
    readonly TempDirectory _temp = new();

    string Out => _temp.File("model");

    void AssertNothingWritten() => Assert.False(Directory.Exists(Out), "the output folder was created");

    [Theory]
    [InlineData("llava_next")]
    [InlineData("llama")]
    public void UnsupportedModelTypeIsNamed(string type)
    {
        using var source = HfSourceFolder.Create(editConfig: c => c["model_type"] = type);
        var e = Assert.Throws<ModelConfigException>(() => LlavaImporter.Import(source.Path, Out));
        Assert.Contains($"model_type '{type}' is not supported by mesh import; supported: 'llava'", e.Message);
        AssertNothingWritten();
    }

    [Theory]
    [InlineData("text_config", "mistral", "text model_type 'mistral' is not supported; supported: llama, qwen2")]
    [InlineData("vision_config", "siglip_vision_model", "vision model_type 'siglip_vision_model' is not supported; supported: clip_vision_model")]
    public void UnsupportedPartIsNamed(string part, string type, string message)
    {
        using var source = HfSourceFolder.Create(editConfig: c => c[part]!["model_type"] = type);
        var e = Assert.Throws<ModelConfigException>(() => LlavaImporter.Import(source.Path, Out));
        Assert.Contains(message, e.Message);
        AssertNothingWritten();
    }

    [Theory]
    [InlineData("vision_tower.vision_model.encoder.layers.1.mlp.fc1.weight")]
    [InlineData("vision_tower.vision_model.post_layernorm.bias")]
    [InlineData("multi_modal_projector.linear_2.bias")]
    [InlineData("language_model.model.layers.3.mlp.down_proj.weight")]
    [InlineData("language_model.model.norm.weight")]
    public void MissingTensorIsNamed(string name)
    {
        using var source = HfSourceFolder.Create(rename: n => n == name ? null : n);
        var e = Assert.Throws<ModelLoadException>(() => LlavaImporter.Import(source.Path, Out));
        Assert.Contains($"missing tensor '{name}'", e.Message);
        AssertNothingWritten();
    }

    [Theory]
    [InlineData("multi_modal_projector.linear_1.weight", new long[] { 64, 63 }, "[64, 63], the config needs [64, 64]")]
    [InlineData("vision_tower.vision_model.embeddings.position_embedding.weight", new long[] { 16, 64 }, "[16, 64], the config needs [17, 64]")]
    [InlineData("language_model.model.layers.0.self_attn.k_proj.weight", new long[] { 64, 64 }, "[64, 64], the config needs [32, 64]")]
    public void WrongShapeIsNamed(string name, long[] shape, string message)
    {
        using var source = HfSourceFolder.Create(reshape: (name, shape));
        var e = Assert.Throws<ModelLoadException>(() => LlavaImporter.Import(source.Path, Out));
        Assert.Contains($"tensor '{name}' has shape {message}", e.Message);
        AssertNothingWritten();
    }

    [Fact]
    public void NestedLayoutNamesTheSourceTensor()
    {
        using var source = HfSourceFolder.Create(rename: n => n == "language_model.model.norm.weight" ? null : HfSourceFolder.Nested(n));
        var e = Assert.Throws<ModelLoadException>(() => LlavaImporter.Import(source.Path, Out));
        Assert.Contains("missing tensor 'model.language_model.norm.weight'", e.Message);
    }

    [Fact]
    public void MissingPreprocessorConfigIsNamed()
    {
        using var source = HfSourceFolder.Create();
        File.Delete(source.File("preprocessor_config.json"));
        var e = Assert.Throws<ModelLoadException>(() => LlavaImporter.Import(source.Path, Out));
        Assert.Contains("preprocessor_config.json is missing", e.Message);
    }

    [Fact]
    public void NonEmptyOutputNeedsOverwrite()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(Out, "notes.txt"), "keep me");
        var e = Assert.Throws<ArgumentException>(() => LlavaImporter.Import(TestPaths.TinyLlava, Out));
        Assert.Contains("is not empty; choose another or pass --overwrite", e.Message);
        LlavaImporter.Import(TestPaths.TinyLlava, Out, new ImportOptions { Overwrite = true });
        Assert.True(File.Exists(Path.Combine(Out, "vision.onnx")));
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(Out, "notes.txt")));
    }

    [Fact]
    public void OutputMustDifferFromTheSource()
    {
        var e = Assert.Throws<ArgumentException>(() => LlavaImporter.Import(TestPaths.TinyLlava, TestPaths.TinyLlava, new ImportOptions { Overwrite = true }));
        Assert.Contains("must differ from the source folder", e.Message);
    }

    public void Dispose() => _temp.Dispose();
}
