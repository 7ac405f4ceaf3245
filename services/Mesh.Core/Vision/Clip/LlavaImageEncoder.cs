using Mesh.Core.Loading;
using TorchSharp;
using static TorchSharp.torch;

namespace Mesh.Core.Vision.Clip;

/// <summary>
/// LLaVA's image path in TorchSharp: the CLIP tower, the feature selection and the projector, with parameters
/// named exactly as in a Hugging Face LLaVA checkpoint (<c>vision_tower.vision_model.*</c>,
/// <c>multi_modal_projector.*</c>). Trainable: no step here turns autograd off.
/// </summary>
public sealed class LlavaImageEncoder : nn.Module<Tensor, Tensor>
{
    public readonly ClipVisionTower vision_tower;
    public readonly LlavaProjector multi_modal_projector;

    public LlavaImageEncoder(ModelConfig config, ScalarType dtype, Device device) : base(nameof(LlavaImageEncoder))
    {
        Selection = VisionFeatureSelection.For(config);
        Vision = config.Vision!;
        TextHidden = config.Text.HiddenSize;
        DType = dtype;
        vision_tower = new ClipVisionTower(Vision, dtype);
        multi_modal_projector = new LlavaProjector(Vision.HiddenSize, TextHidden, config.ProjectorHiddenAct, dtype);
        RegisterComponents();
        if (device.type != DeviceType.CPU) this.to(device);
        Device = device;
    }

    public VisionConfig Vision { get; }
    public VisionFeatureSelection Selection { get; }
    /// <summary>Width of the image features (the decoder's hidden size).</summary>
    public int TextHidden { get; }
    public ScalarType DType { get; }
    public Device Device { get; }

    /// <summary>pixel_values [B, C, S, S] -> image_features [B, tokens, text hidden].</summary>
    public override Tensor forward(Tensor pixelValues)
    {
        var (feature, features) = Encode(pixelValues);
        feature.Dispose();
        return features;
    }

    /// <summary>
    /// pixel_values [B, C, S, S] -> the projector input <c>vision_feature</c> [B, tokens, vision hidden] and its
    /// output <c>image_features</c> [B, tokens, text hidden].
    /// </summary>
    public (Tensor VisionFeature, Tensor ImageFeatures) Encode(Tensor pixelValues)
    {
        using var scope = NewDisposeScope();
        var selected = vision_tower.HiddenStates(pixelValues.to(DType, Device), Selection.Layers)[^1]; // [B, 1+P, Dv]
        var feature = Selection.DropClassToken ? selected.narrow(1, 1, selected.shape[1] - 1) : selected; // [B, tokens, Dv]
        var features = multi_modal_projector.forward(feature);                                          // [B, tokens, Dt]
        return (feature.MoveToOuterDisposeScope(), features.MoveToOuterDisposeScope());
    }
}
