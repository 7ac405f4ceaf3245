using System.ComponentModel.DataAnnotations;

namespace Mesh.Segmentation;

/// <summary>Which segmenter the service runs.</summary>
public enum SegmentationBackend
{
    /// <summary>The Shapes world's scene segmenter (from the pixels; no files needed).</summary>
    Scene,

    /// <summary>An ONNX semantic-segmentation model with a label list (<see cref="SegmentationOptions.OnnxModelPath"/>, <see cref="SegmentationOptions.OnnxLabelsPath"/>).</summary>
    Onnx,
}

/// <summary>The segmentation service's settings, bound from the <c>Segmentation</c> section (environment: <c>Segmentation__Backend</c> ...).</summary>
public sealed record SegmentationOptions : IValidatableObject
{
    public const string Section = "Segmentation";

    /// <summary>The segmenter. Default: the Shapes scene segmenter.</summary>
    public SegmentationBackend Backend { get; init; } = SegmentationBackend.Scene;

    /// <summary>The ONNX model (input [batch, 3, H, W], output logits [batch, classes, h, w]); needed for <see cref="SegmentationBackend.Onnx"/>.</summary>
    public string? OnnxModelPath { get; init; }

    /// <summary>The model's class names, one per line in class-index order; needed for <see cref="SegmentationBackend.Onnx"/>.</summary>
    public string? OnnxLabelsPath { get; init; }

    /// <summary>Per-channel RGB mean after scaling to [0, 1]; unset: ImageNet's.</summary>
    public double[]? OnnxMean { get; init; }

    /// <summary>Per-channel RGB standard deviation; unset: ImageNet's.</summary>
    public double[]? OnnxStd { get; init; }

    /// <summary>The ONNX model's label that names no object (left out when every object is asked for).</summary>
    public string? OnnxBackgroundLabel { get; init; } = "background";

    /// <summary>Most object names in one Segment request.</summary>
    [Range(1, 10_000)]
    public int MaxObjectNames { get; init; } = 256;

    /// <summary>Most cells in an attention map (rows * cols).</summary>
    [Range(1, 100_000_000)]
    public int MaxMapCells { get; init; } = 1 << 20;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Backend == SegmentationBackend.Onnx && (string.IsNullOrWhiteSpace(OnnxModelPath) || string.IsNullOrWhiteSpace(OnnxLabelsPath)))
            yield return new ValidationResult("Segmentation:Backend is Onnx but Segmentation:OnnxModelPath or Segmentation:OnnxLabelsPath is not set",
                                              [nameof(OnnxModelPath), nameof(OnnxLabelsPath)]);
    }
}
