using Mesh.Localization;
using Mesh.Localization.Semantic;
using Mesh.Localization.Shapes;
using Mesh.Core.Vision;
using Mesh.ServiceDefaults.Grpc;
using Mesh.ServiceDefaults.Health;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace Mesh.Segmentation.Model;

/// <summary>
/// The service's one segmenter, created once in the background at start; readiness turns on when it is loaded (or
/// reports why it failed). Segment requests before then get UNAVAILABLE.
/// </summary>
public sealed class SegmenterHost(IOptions<SegmentationOptions> options, IOptions<ImageLimitsOptions> images, ServiceReadiness readiness,
                                  ILogger<SegmenterHost> logger)
    : BackgroundService, IDisposable
{
    volatile ISegmenter? _segmenter;

    /// <summary>The loaded segmenter, or UNAVAILABLE while it loads.</summary>
    public ISegmenter Segmenter
    {
        get
        {
            if (_segmenter is { } loaded) return loaded;
            RpcErrors.Unavailable($"the segmenter is not ready: {readiness.Description}", TimeSpan.FromSeconds(2));
            return null!;
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        var o = options.Value;
        try
        {
            _segmenter = Create(o, new ImageLimits(images.Value.MaxPixels, images.Value.MaxBytes));
            string what = o.Backend == SegmentationBackend.Onnx ? $"ONNX model {o.OnnxModelPath}" : "Shapes scene segmenter";
            readiness.MarkReady($"{what} loaded; objects: {string.Join(", ", _segmenter.KnownNames.Take(12))}{(_segmenter.KnownNames.Count > 12 ? ", ..." : "")}");
            logger.LogInformation("Loaded the {Backend} segmenter", o.Backend);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or OnnxRuntimeException)
        {
            readiness.MarkFailed($"loading the {o.Backend} segmenter failed: {e.Message}");
            logger.LogError(e, "Loading the {Backend} segmenter failed", o.Backend);
        }
    }, stoppingToken);

    static ISegmenter Create(SegmentationOptions o, ImageLimits limits)
    {
        if (o.Backend == SegmentationBackend.Scene) return new SceneSegmenter(limits: limits);
        var defaults = new OnnxSegmenterOptions();
        var onnx = defaults with { Mean = o.OnnxMean ?? defaults.Mean, Std = o.OnnxStd ?? defaults.Std, BackgroundLabel = o.OnnxBackgroundLabel };
        return new OnnxSegmenter(o.OnnxModelPath!, SegmentationLabels.Load(o.OnnxLabelsPath!), onnx, limits);
    }

    public override void Dispose()
    {
        (_segmenter as IDisposable)?.Dispose();
        base.Dispose();
    }
}
