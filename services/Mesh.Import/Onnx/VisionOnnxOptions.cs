using System.ComponentModel.DataAnnotations;

namespace Mesh.Import.Onnx;

/// <summary>Element type of an emitted graph's weights and activations.</summary>
public enum OnnxPrecision
{
    /// <summary>float32 throughout.</summary>
    F32,

    /// <summary>float16 weights and activations (half the size, for large towers); inputs and outputs stay float32.</summary>
    F16,
}

/// <summary>How <see cref="VisionOnnxEmitter"/> writes <c>vision.onnx</c>.</summary>
public sealed record VisionOnnxOptions
{
    /// <summary>Default <see cref="OnnxPrecision.F32"/>.</summary>
    public OnnxPrecision Precision { get; init; } = OnnxPrecision.F32;

    /// <summary>Initializer bytes above which weights go to a <c>vision.onnx.data</c> file beside the graph (default 1 GiB).</summary>
    [Range(0, long.MaxValue)]
    public long InlineLimitBytes { get; init; } = OnnxModelWriter.DefaultInlineLimitBytes;
}
