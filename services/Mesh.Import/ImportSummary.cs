using Mesh.Import.Onnx;

namespace Mesh.Import;

/// <summary>What an import wrote.</summary>
public sealed record ImportSummary
{
    public required string Source { get; init; }
    public required string Output { get; init; }
    public required LlavaLayout Layout { get; init; }
    /// <summary>The chat template family written into the <c>mesh</c> section.</summary>
    public required string TemplateFamily { get; init; }
    /// <summary>Tensors in model.safetensors (decoder and projector), its size and its dtypes.</summary>
    public required int WeightTensors { get; init; }
    public required long WeightBytes { get; init; }
    public required string WeightDTypes { get; init; }
    public required OnnxWriteResult Vision { get; init; }
    public required OnnxPrecision VisionPrecision { get; init; }
    /// <summary>CLIP encoder layers in the graph, image tokens and their width.</summary>
    public required int VisionLayers { get; init; }
    public required int ImageTokens { get; init; }
    public required int ImageFeatureWidth { get; init; }
    /// <summary>Max |ONNX Runtime - TorchSharp| of image_features on a seeded random batch of 2, relative to the largest feature.</summary>
    public required float VisionCheckRelativeDiff { get; init; }
    public required IReadOnlyList<string> CopiedFiles { get; init; }
    /// <summary>Source tensors that no part of the model uses (e.g. rotary caches of old exports).</summary>
    public required IReadOnlyList<string> IgnoredTensors { get; init; }
}
