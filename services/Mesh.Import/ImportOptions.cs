using Mesh.Core.Loading;
using Mesh.Import.Onnx;

namespace Mesh.Import;

/// <summary>How <see cref="LlavaImporter"/> writes a model directory.</summary>
public sealed record ImportOptions
{
    /// <summary>Dtype of the decoder and projector weights in <c>model.safetensors</c>: F32, F16 or BF16; null (default) keeps each tensor's stored dtype.</summary>
    public SafeTensorDType? WeightsDType { get; init; }

    /// <summary>Precision of <c>vision.onnx</c>; null (default) picks F16 when the checkpoint stores the tower in F16 or BF16, else F32.</summary>
    public OnnxPrecision? VisionPrecision { get; init; }

    /// <summary>Write into an output folder that already holds files (only the files an import writes are replaced).</summary>
    public bool Overwrite { get; init; }

    /// <summary>Initializer bytes above which vision.onnx keeps its weights in <c>vision.onnx.data</c>.</summary>
    public long OnnxInlineLimitBytes { get; init; } = OnnxModelWriter.DefaultInlineLimitBytes;

    public static IReadOnlyList<SafeTensorDType> WeightsDTypes { get; } = [SafeTensorDType.F32, SafeTensorDType.F16, SafeTensorDType.BF16];

    public void Validate()
    {
        if (WeightsDType is { } dtype && !WeightsDTypes.Contains(dtype))
            throw new ArgumentException($"weights dtype {dtype} is not supported; supported: {string.Join(", ", WeightsDTypes)} (or keep)");
        ArgumentOutOfRangeException.ThrowIfNegative(OnnxInlineLimitBytes);
    }
}

/// <summary>Progress of one import step: <paramref name="Done"/> of <paramref name="Total"/> units (bytes, tensors or files).</summary>
public sealed record ImportProgress(ImportStep Step, long Done, long Total);

/// <summary>The steps of an import, in order.</summary>
public enum ImportStep
{
    /// <summary>Reading the config and checking every tensor's name and shape.</summary>
    Check,

    /// <summary>Writing the decoder and projector weights (bytes).</summary>
    Weights,

    /// <summary>Emitting vision.onnx and checking it under ONNX Runtime.</summary>
    Vision,

    /// <summary>Writing config.json and copying the preprocessor and tokenizer files.</summary>
    Files,
}
