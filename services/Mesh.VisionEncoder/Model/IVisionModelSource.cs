using Mesh.Core.Vision;
using Mesh.ServiceDefaults.Grpc;
using Microsoft.Extensions.Options;

namespace Mesh.VisionEncoder.Model;

/// <summary>Where the service's model comes from; the default reads the configured model directory.</summary>
public interface IVisionModelSource
{
    /// <summary>Loads the model (slow: reads and hashes the weights, creates the ONNX session).</summary>
    VisionModel Load();
}

/// <summary>Loads <see cref="VisionEncoderServiceOptions.ResolveModelDirectory"/> with the configured device and the mesh's image limits.</summary>
internal sealed class DirectoryVisionModelSource(IOptions<VisionEncoderServiceOptions> options, IOptions<ImageLimitsOptions> images) : IVisionModelSource
{
    public VisionModel Load()
    {
        var o = options.Value;
        return VisionModel.Load(
            o.ResolveModelDirectory(),
            new VisionEncoderOptions(o.Device, o.IntraOpThreads),
            new ImageLimits(images.Value.MaxPixels, images.Value.MaxBytes));
    }
}
