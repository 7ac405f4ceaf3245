using Mesh.Core.Loading;
using TorchSharp;
using static TorchSharp.torch;

namespace Mesh.Core.Vision.Clip;

/// <summary>
/// The CLIP vision model as LLaVA holds it (<c>vision_tower.vision_model.*</c>; transformers'
/// <c>CLIPVisionModel</c>). A thin owner of <see cref="vision_model"/> so that parameter names match the checkpoint.
/// </summary>
public sealed class ClipVisionTower : nn.Module
{
    public readonly ClipVisionTransformer vision_model;

    public ClipVisionTower(VisionConfig config, ScalarType dtype) : base(nameof(ClipVisionTower))
    {
        Config = config;
        vision_model = new ClipVisionTransformer(config, dtype);
        RegisterComponents();
    }

    public VisionConfig Config { get; }

    /// <inheritdoc cref="ClipVisionTransformer.HiddenStates"/>
    public IReadOnlyList<Tensor> HiddenStates(Tensor pixelValues, int layers) => vision_model.HiddenStates(pixelValues, layers);
}
