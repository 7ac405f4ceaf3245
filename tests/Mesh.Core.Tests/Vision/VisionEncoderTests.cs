using Mesh.Core.Vision;
using Xunit.Abstractions;

namespace Mesh.Core.Tests.Vision;

public class VisionEncoderTests : IClassFixture<VisionEncoderTests.Model>
{
    private static readonly string ReferenceFile = Path.Combine(TestPaths.TinyLlava, "reference.safetensors");
    private readonly VisionEncoder _encoder;
    private readonly ITestOutputHelper _output;

    public VisionEncoderTests(Model model, ITestOutputHelper output) => (_encoder, _output) = (model.Encoder, output);

    private void AssertClose(string referenceName, float[] actual)
    {
        float diff = Reference.MaxAbsDiff(Reference.ReadF32(ReferenceFile, referenceName), actual);
        _output.WriteLine($"{referenceName}: max abs diff {diff:E2}");
        Assert.True(diff <= 1e-5f, $"{referenceName}: max abs diff {diff} > 1e-5");
    }

    /// <summary>One session for the class, as in production.</summary>
    public sealed class Model : IDisposable
    {
        public VisionEncoder Encoder { get; } =
            new(Path.Combine(TestPaths.TinyLlava, "vision.onnx"), new VisionEncoderOptions(ExecutionDevice.Cpu, IntraOpThreads: 1));

        public void Dispose() => Encoder.Dispose();
    }

    [Fact]
    public void ReadsShapesFromTheModel()
    {
        Assert.Equal((32, 32, 16, 64), (_encoder.ImageHeight, _encoder.ImageWidth, _encoder.Tokens, _encoder.Dim));
        Assert.True(_encoder.HasVisionFeature);
        Assert.Equal(ExecutionDevice.Cpu, _encoder.Device);
    }

    [Theory]
    [InlineData("onnx_image_features")]
    [InlineData("image_features")]
    public void BatchOneReproducesTheReference(string name)
    {
        var features = _encoder.Encode(Reference.ReadF32(ReferenceFile, "pixel_values"), batch: 1);
        Assert.Equal((1, 16, 64), (features.Batch, features.Tokens, features.Dim));
        AssertClose(name, features.Data);
    }

    [Fact]
    public void VisionFeatureReproducesTheReference()
    {
        var feature = _encoder.EncodeVisionFeature(Reference.ReadF32(ReferenceFile, "pixel_values"), batch: 1);
        AssertClose("onnx_vision_feature", feature.Data);
    }

    [Fact]
    public void BatchTwoReproducesTheReference()
    {
        var features = _encoder.Encode(Reference.ReadF32(ReferenceFile, "pixel_values_batch2"), batch: 2);
        Assert.Equal((2, 16, 64), (features.Batch, features.Tokens, features.Dim));
        AssertClose("image_features_batch2", features.Data);
    }

    [Fact]
    public void WrongInputLengthIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => _encoder.Encode(new float[3 * 32 * 32], batch: 2));
        Assert.Contains("needs 6144", e.Message);
    }

#if !MESH_CUDA
    [Fact]
    public void CudaNeedsACudaBuild()
    {
        var e = Assert.Throws<NotSupportedException>(() =>
            new VisionEncoder(Path.Combine(TestPaths.TinyLlava, "vision.onnx"), new VisionEncoderOptions(ExecutionDevice.Cuda)));
        Assert.Contains("-p:MeshCuda=true", e.Message);
    }
#endif
}
