using Mesh.Core.Loading;
using Mesh.Core.Vision.Clip;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Mesh.Core.Tests.Vision.Clip;

/// <summary>The TorchSharp CLIP tower and projector against the Hugging Face reference tensors (1e-5, max abs).</summary>
public sealed class LlavaImageEncoderTests(TinyLlavaVision vision, ITestOutputHelper output) : IClassFixture<TinyLlavaVision>
{
    const float Tolerance = 1e-5f;

    void AssertClose(string name, Tensor actual)
    {
        var expected = Reference.ReadF32(TinyLlavaFixture.ReferenceFile, name);
        float diff = Reference.MaxAbsDiff(expected, actual.contiguous().data<float>().ToArray());
        output.WriteLine($"{name}: max abs diff {diff:E2}");
        Assert.True(diff <= Tolerance, $"{name}: max abs difference {diff:E2} exceeds {Tolerance:E0}");
    }

    [Fact]
    public void EveryHiddenStateMatches()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var states = vision.Encoder.vision_tower.HiddenStates(TinyLlavaVision.PixelValues(), layers: 3);
        Assert.Equal(4, states.Count);
        AssertClose("vision_hidden_states", stack(states.Select(s => s.squeeze(0)).ToArray())); // [4, 17, 64]
    }

    [Fact]
    public void VisionFeatureAndImageFeaturesMatch()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (feature, features) = vision.Encoder.Encode(TinyLlavaVision.PixelValues());
        Assert.Equal([1L, 16, 64], feature.shape);
        Assert.Equal([1L, 16, 64], features.shape);
        AssertClose("vision_feature", feature);
        AssertClose("image_features", features);
    }

    [Fact]
    public void BatchOfTwoMatches()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        AssertClose("image_features_batch2", vision.Encoder.forward(TinyLlavaVision.PixelValues(batch: 2)));
    }

    [Fact]
    public void UsesOnlyTheLayersBeforeTheSelectedHiddenState()
    {
        Assert.Equal(new VisionFeatureSelection { Layers = 2, DropClassToken = true, Tokens = 16 }, vision.Encoder.Selection);
    }

    [Fact]
    public void WrongImageSizeIsRejected()
    {
        using var pixels = zeros(1, 3, 16, 16);
        var e = Assert.Throws<ArgumentException>(() => vision.Encoder.forward(pixels));
        Assert.Contains("[batch, 3, 32, 32]", e.Message);
    }
}
