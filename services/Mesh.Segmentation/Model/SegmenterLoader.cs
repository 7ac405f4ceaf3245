using Mesh.Core.Vision;
using Mesh.Localization;
using Mesh.Localization.Semantic;
using Mesh.Localization.Shapes;
using Mesh.ServiceDefaults.Grpc;
using Mesh.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.Segmentation.Model;

/// <summary>Creates the service's one segmenter (for <see cref="ModelHost{TModel}"/>): the Shapes scene segmenter, or the configured ONNX model.</summary>
public sealed class SegmenterLoader(IOptions<SegmentationOptions> options, IOptions<ImageLimitsOptions> images) : IModelLoader<ISegmenter>
{
    public string Service => "the segmentation service";

    public string Source => options.Value.Backend == SegmentationBackend.Onnx
        ? $"ONNX model {options.Value.OnnxModelPath} (labels {options.Value.OnnxLabelsPath})"
        : "the Shapes scene segmenter";

    public Task<ISegmenter> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(Create(options.Value, new ImageLimits(images.Value.MaxPixels, images.Value.MaxBytes, images.Value.MaxPixelsPerByte)));

    public string Describe(ISegmenter segmenter)
    {
        string more = segmenter.KnownNames.Count > 12 ? ", ..." : "";
        return $"{Source} loaded; objects: {string.Join(", ", segmenter.KnownNames.Take(12))}{more}";
    }

    static ISegmenter Create(SegmentationOptions o, ImageLimits limits)
    {
        if (o.Backend == SegmentationBackend.Scene) return new SceneSegmenter(limits: limits);
        var defaults = new OnnxSegmenterOptions();
        var onnx = defaults with { Mean = o.OnnxMean ?? defaults.Mean, Std = o.OnnxStd ?? defaults.Std, BackgroundLabel = o.OnnxBackgroundLabel };
        return new OnnxSegmenter(o.OnnxModelPath!, SegmentationLabels.Load(o.OnnxLabelsPath!), onnx, limits);
    }
}
