namespace Mesh.Core.Loading;

/// <summary>The CLIP vision tower of a LLaVA model (<c>clip_vision_model</c>), with HF defaults.</summary>
public sealed record VisionConfig
{
    public string ModelType { get; init; } = "clip_vision_model";
    public int HiddenSize { get; init; } = 1024;
    public int IntermediateSize { get; init; } = 4096;
    public int NumHiddenLayers { get; init; } = 24;
    public int NumAttentionHeads { get; init; } = 16;
    public int ImageSize { get; init; } = 336;
    public int PatchSize { get; init; } = 14;
    public int NumChannels { get; init; } = 3;
    public string HiddenAct { get; init; } = "quick_gelu";
    public double LayerNormEps { get; init; } = 1e-5;

    /// <summary>Patches per side of the square image grid.</summary>
    public int GridSide => ImageSize / PatchSize;
    public int NumPatches => GridSide * GridSide;
}
