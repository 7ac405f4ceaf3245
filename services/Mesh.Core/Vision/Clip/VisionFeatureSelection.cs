using Mesh.Core.Loading;

namespace Mesh.Core.Vision.Clip;

/// <summary>
/// Which CLIP hidden state feeds the projector: <c>vision_feature_layer</c> indexes transformers'
/// <c>hidden_states</c> (L + 1 entries; negative counts from the end), and the <c>default</c> strategy drops the
/// CLS row while <c>full</c> keeps it.
/// </summary>
public sealed record VisionFeatureSelection
{
    /// <summary>Encoder layers to run: the selected entry of <c>hidden_states</c> is the output of this many layers.</summary>
    public required int Layers { get; init; }

    /// <summary>True for the <c>default</c> strategy (the CLS row is dropped).</summary>
    public required bool DropClassToken { get; init; }

    /// <summary>Rows per image after selection: the patches, plus CLS for <c>full</c>.</summary>
    public required int Tokens { get; init; }

    /// <exception cref="ModelConfigException">The layer is outside the tower's hidden states, or the model has no vision tower.</exception>
    public static VisionFeatureSelection For(ModelConfig config)
    {
        var vision = config.Vision ?? throw new ModelConfigException($"model_type '{config.ModelType}' has no vision_config");
        int count = vision.NumHiddenLayers + 1, layer = config.VisionFeatureLayer;
        int index = layer < 0 ? count + layer : layer;
        if (index < 0 || index >= count)
            throw new ModelConfigException(
                $"vision_feature_layer {layer} is outside the {count} CLIP hidden states; allowed: {-count}..{count - 1}");
        bool drop = config.VisionFeatureSelectStrategy == "default";
        return new VisionFeatureSelection { Layers = index, DropClassToken = drop, Tokens = vision.NumPatches + (drop ? 0 : 1) };
    }
}
