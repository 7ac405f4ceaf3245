using Mesh.Core.Vision;
using static TorchSharp.torch;

namespace Mesh.Core.Loading;

/// <summary>How a model directory is loaded.</summary>
public sealed record ModelLoadOptions
{
    /// <summary>Where the decoder and the vision tower run (<c>--device auto|cpu|cuda</c>).</summary>
    public ExecutionDevice Device { get; init; } = ExecutionDevice.Auto;

    /// <summary>
    /// Whether a multimodal model's vision tower (vision.onnx and its preprocessing) is loaded; false where images are
    /// encoded elsewhere (the decoder with a vision-encoder service), which leaves <see cref="VisionLanguageModel.Vision"/> null.
    /// </summary>
    public bool LoadVision { get; init; } = true;

    /// <summary>The images the vision tower's preprocessing accepts; null means <see cref="Vision.ImageLimits"/>' defaults.</summary>
    public ImageLimits? ImageLimits { get; init; }

    /// <summary>Decoder compute dtype; null means float32 on CPU and the checkpoint's dtype on CUDA.</summary>
    public ScalarType? DType { get; init; }

    /// <summary>The torch device for <paramref name="requested"/>: CUDA only in a CUDA build with a GPU present.</summary>
    public static Device ResolveTorchDevice(ExecutionDevice requested)
    {
        bool cuda = CudaIsAvailable();
        return requested switch
        {
            ExecutionDevice.Cpu => CPU,
            ExecutionDevice.Auto => cuda ? CUDA : CPU,
            _ when cuda => CUDA,
            _ => throw new NotSupportedException(
#if MESH_CUDA
                "device cuda was requested but no CUDA device is available"),
#else
                "device cuda was requested but this build has no CUDA support; rebuild with -p:MeshCuda=true"),
#endif
        };
    }

    static bool CudaIsAvailable()
    {
#if MESH_CUDA
        return TorchSharp.torch.cuda.is_available();
#else
        return false;
#endif
    }
}
