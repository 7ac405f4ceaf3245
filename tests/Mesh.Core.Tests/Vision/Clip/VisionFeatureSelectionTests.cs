using Mesh.Core.Loading;
using Mesh.Core.Vision.Clip;
using static TorchSharp.torch;

namespace Mesh.Core.Tests.Vision.Clip;

/// <summary><c>vision_feature_layer</c> and the <c>default</c> / <c>full</c> strategies, on the tiny-llava weights.</summary>
public sealed class VisionFeatureSelectionTests
{
    static readonly ModelConfig Fixture = ModelConfig.Load(TestPaths.TinyLlava);

    [Theory]
    [InlineData(-2, "default", 2, true, 16)]
    [InlineData(-1, "default", 3, true, 16)]
    [InlineData(0, "full", 0, false, 17)]
    [InlineData(-4, "full", 0, false, 17)]
    [InlineData(3, "default", 3, true, 16)]
    public void ResolvesTheHiddenStateIndex(int layer, string strategy, int layers, bool drop, int tokens)
    {
        var selection = VisionFeatureSelection.For(Fixture with { VisionFeatureLayer = layer, VisionFeatureSelectStrategy = strategy });
        Assert.Equal(new VisionFeatureSelection { Layers = layers, DropClassToken = drop, Tokens = tokens }, selection);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(-5)]
    public void LayersOutsideTheTowerAreRejected(int layer)
    {
        var e = Assert.Throws<ModelConfigException>(() => VisionFeatureSelection.For(Fixture with { VisionFeatureLayer = layer }));
        Assert.Contains($"vision_feature_layer {layer}", e.Message);
        Assert.Contains("allowed: -4..3", e.Message);
    }

    [Theory]
    [InlineData(-1, 3)]
    [InlineData(1, 1)]
    public void FullStrategyKeepsTheClassRowOfTheSelectedLayer(int layer, int hiddenState)
    {
        var config = Fixture with { VisionFeatureLayer = layer, VisionFeatureSelectStrategy = "full" };
        using var encoder = new LlavaImageEncoder(config, float32, CPU);
        using (var checkpoint = Checkpoint.Open(TestPaths.TinyLlava))
            LlavaImageEncoderWeights.Load(encoder, checkpoint, trainable: false);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (feature, features) = encoder.Encode(TinyLlavaVision.PixelValues());
        Assert.Equal([1L, 17, 64], feature.shape);
        Assert.Equal([1L, 17, 64], features.shape);
        var expected = TinyLlavaVision.ReferenceTensor("vision_hidden_states", 4, 17, 64)[hiddenState];
        Reference.AssertClose(expected.data<float>().ToArray(), feature.squeeze(0).data<float>().ToArray(), 1e-5f, $"hidden state {hiddenState}");
    }

    [Fact]
    public void UnsupportedActivationsAreNamed()
    {
        var config = Fixture with { ProjectorHiddenAct = "relu" };
        var e = Assert.Throws<ModelConfigException>(() => new LlavaImageEncoder(config, float32, CPU));
        Assert.Contains("projector_hidden_act 'relu' is not supported; supported: quick_gelu, gelu", e.Message);
    }
}
