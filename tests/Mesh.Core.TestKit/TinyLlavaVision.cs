using Mesh.Core.Loading;
using Mesh.Core.Vision;
using Mesh.Core.Vision.Clip;
using static TorchSharp.torch;

namespace Mesh.Core.TestKit;

/// <summary>The tiny-llava vision tower and projector in TorchSharp, with the fixture's reference tensors.</summary>
public sealed class TinyLlavaVision : IDisposable
{
    public TinyLlavaVision()
    {
        Config = ModelConfig.Load(TestPaths.TinyLlava);
        Encoder = LlavaImageEncoderWeights.Load(TestPaths.TinyLlava, new ModelLoadOptions { Device = ExecutionDevice.Cpu }, trainable: false);
    }

    public ModelConfig Config { get; }
    public LlavaImageEncoder Encoder { get; }

    /// <summary>A reference tensor of reference.safetensors as a float32 CPU tensor of <paramref name="shape"/>.</summary>
    public static Tensor ReferenceTensor(string name, params long[] shape) =>
        tensor(Reference.ReadF32(TinyLlavaFixture.ReferenceFile, name), shape);

    public static Tensor PixelValues(int batch = 1) =>
        batch == 1 ? ReferenceTensor("pixel_values", 1, 3, 32, 32) : ReferenceTensor("pixel_values_batch2", 2, 3, 32, 32);

    public void Dispose() => Encoder.Dispose();
}
