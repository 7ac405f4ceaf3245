using Mesh.Import.Onnx;
using Mesh.Core.Vision;
using Xunit.Abstractions;

namespace Mesh.Import.Tests.Onnx;

/// <summary>The emitted vision.onnx under ONNX Runtime against the Hugging Face reference (1e-5, max abs).</summary>
public sealed class VisionOnnxEmitterTests(TinyLlavaVision vision, ITestOutputHelper output) : IClassFixture<TinyLlavaVision>, IDisposable
{
    readonly TempDirectory _temp = new();

    VisionEncoder Emit(VisionOnnxOptions? options = null)
    {
        string path = _temp.File($"vision-{Guid.NewGuid():N}.onnx");
        VisionOnnxEmitter.Write(vision.Encoder, path, options);
        return new VisionEncoder(path, new VisionEncoderOptions(ExecutionDevice.Cpu, IntraOpThreads: 1));
    }

    void AssertClose(string name, float[] actual, float tolerance = 1e-5f)
    {
        float diff = Reference.MaxAbsDiff(Reference.ReadF32(TinyLlavaFixture.ReferenceFile, name), actual);
        output.WriteLine($"{name}: max abs diff {diff:E2}");
        Assert.True(diff <= tolerance, $"{name}: max abs difference {diff:E2} exceeds {tolerance:E0}");
    }

    static float[] Pixels(string name) => Reference.ReadF32(TinyLlavaFixture.ReferenceFile, name);

    [Fact]
    public void F32GraphReproducesTheReferenceAtBatchOneAndTwo()
    {
        using var encoder = Emit();
        Assert.Equal((32, 32, 16, 64), (encoder.ImageHeight, encoder.ImageWidth, encoder.Tokens, encoder.Dim));
        AssertClose("image_features", encoder.Encode(Pixels("pixel_values"), batch: 1).Data);
        AssertClose("vision_feature", encoder.EncodeVisionFeature(Pixels("pixel_values"), batch: 1).Data);
        var batch2 = encoder.Encode(Pixels("pixel_values_batch2"), batch: 2);
        Assert.Equal((2, 16, 64), (batch2.Batch, batch2.Tokens, batch2.Dim));
        AssertClose("image_features_batch2", batch2.Data);
    }

    [Fact]
    public void F16GraphStaysWithinHalfPrecision()
    {
        using var encoder = Emit(new VisionOnnxOptions { Precision = OnnxPrecision.F16 });
        var expected = Reference.ReadF32(TinyLlavaFixture.ReferenceFile, "image_features_batch2");
        var actual = encoder.Encode(Pixels("pixel_values_batch2"), batch: 2).Data;
        float diff = Reference.MaxAbsDiff(expected, actual), scale = expected.Max(Math.Abs);
        output.WriteLine($"F16 image_features_batch2: max abs diff {diff:E2}, max |value| {scale:F3}");
        Assert.True(diff <= Reference.HalfPrecisionTolerance(scale), $"F16 max abs difference {diff:E2} exceeds {Reference.HalfPrecisionTolerance(scale):E2}");
        Assert.True(diff > 0, "an F16 graph that matches float32 exactly did not compute in float16");
    }

    [Fact]
    public void ExternalDataGivesTheSameOutputs()
    {
        using var inline = Emit();
        using var external = Emit(new VisionOnnxOptions { InlineLimitBytes = 0 });
        Assert.Single(Directory.GetFiles(_temp.Path, "*.onnx.data"));
        var pixels = Pixels("pixel_values_batch2");
        Assert.Equal(inline.Encode(pixels, 2).Data, external.Encode(pixels, 2).Data);
    }

    public void Dispose() => _temp.Dispose();
}
