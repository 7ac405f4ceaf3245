using Mesh.Core.Loading;
using Mesh.Import.Onnx;
using Mesh.Core.Vision;
using Mesh.Core.Vision.Clip;
using Onnx;
using static TorchSharp.torch;

namespace Mesh.Import.Tests.Onnx;

/// <summary>The emitted graph's contract (names, shapes, opset) and its agreement with the TorchSharp forward on other configurations.</summary>
public sealed class VisionOnnxGraphTests(TinyLlavaVision vision) : IClassFixture<TinyLlavaVision>
{
    static readonly ModelConfig Fixture = ModelConfig.Load(TestPaths.TinyLlava);

    [Fact]
    public void DeclaresOpset17AndTheDesignInputsAndOutputs()
    {
        var model = VisionOnnxEmitter.Emit(vision.Encoder);
        Assert.Equal(8, model.IrVersion);
        Assert.Equal(17, Assert.Single(model.OpsetImport).Version);
        var input = Assert.Single(model.Graph.Input);
        Assert.Equal(("pixel_values", "batch|3|32|32"), (input.Name, Dims(input)));
        Assert.Equal(["image_features:batch|16|64", "vision_feature:batch|16|64"],
            model.Graph.Output.Select(o => $"{o.Name}:{Dims(o)}").Order());
        Assert.All(model.Graph.Input.Concat(model.Graph.Output), v => Assert.Equal((int)TensorProto.Types.DataType.Float, v.Type.TensorType.ElemType));
    }

    [Fact]
    public void InitializersAreTheUsedHuggingFaceParameters()
    {
        var model = VisionOnnxEmitter.Emit(vision.Encoder);
        var weights = model.Graph.Initializer.Select(t => t.Name).Where(n => !n.StartsWith("const_")).ToHashSet();
        // vision_feature_layer -2 of 3 layers: layer 2 and post_layernorm are not part of the graph.
        var used = vision.Encoder.named_parameters().Select(p => p.name)
            .Where(n => !n.Contains("layers.2.") && !n.Contains("post_layernorm")).ToHashSet();
        Assert.Equal(used.Order(), weights.Order());
        var conv = model.Graph.Initializer.Single(t => t.Name == "vision_tower.vision_model.embeddings.patch_embedding.weight");
        Assert.Equal([64L, 3, 8, 8], conv.Dims);
    }

    [Theory]
    [InlineData(-1, "full", "quick_gelu")]
    [InlineData(0, "default", "quick_gelu")]
    [InlineData(-2, "default", "gelu")]
    public void OtherSelectionsAndActivationsMatchTheTorchSharpForward(int layer, string strategy, string activation)
    {
        random.manual_seed(3);
        var config = Fixture with
        {
            VisionFeatureLayer = layer,
            VisionFeatureSelectStrategy = strategy,
            Vision = Fixture.Vision! with { HiddenAct = activation },
        };
        using var encoder = new LlavaImageEncoder(config, float32, CPU);
        using var temp = new TempDirectory();
        VisionOnnxEmitter.Write(encoder, temp.File("vision.onnx"));
        using var session = new VisionEncoder(temp.File("vision.onnx"), new VisionEncoderOptions(ExecutionDevice.Cpu, IntraOpThreads: 1));

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var pixels = randn(2, 3, 32, 32);
        var (feature, features) = encoder.Encode(pixels);
        var onnxFeatures = session.Encode(pixels.data<float>().ToArray(), batch: 2);
        Assert.Equal(features.shape, new long[] { onnxFeatures.Batch, onnxFeatures.Tokens, onnxFeatures.Dim });
        Reference.AssertClose(features.data<float>().ToArray(), onnxFeatures.Data, 1e-5f, "image_features");
        Reference.AssertClose(feature.data<float>().ToArray(), session.EncodeVisionFeature(pixels.data<float>().ToArray(), 2).Data, 1e-5f, "vision_feature");
    }

    static string Dims(ValueInfoProto value) =>
        string.Join("|", value.Type.TensorType.Shape.Dim.Select(d => d.HasDimParam ? d.DimParam : d.DimValue.ToString()));
}
