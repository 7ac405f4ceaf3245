using Mesh.Catalog;
using Mesh.Core.Vision;
using Mesh.ServiceDefaults.Grpc;
using Mesh.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.VisionEncoder.Model;

/// <summary>Loads <see cref="VisionEncoderServiceOptions.ResolveModelDirectory"/> with the configured device and the mesh's image limits.</summary>
public sealed class VisionModelLoader(IOptions<VisionEncoderServiceOptions> options, IOptions<ImageLimitsOptions> images) : IModelLoader<VisionModel>
{
    public string Service => "the vision encoder";

    public string Source => DefaultModel.SourceOf(options.Value.ModelDirectory);

    /// <summary>Slow: reads and hashes the weights, creates the ONNX session.</summary>
    public Task<VisionModel> LoadAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        return Task.FromResult(VisionModel.Load(
            o.ResolveModelDirectory(),
            new VisionEncoderOptions(o.Device, o.IntraOpThreads),
            new ImageLimits(images.Value.MaxPixels, images.Value.MaxBytes, images.Value.MaxPixelsPerByte)));
    }

    public string Describe(VisionModel model) => $"{model.ModelId} loaded: {model.Tokens} image tokens of width {model.Dim}";
}
