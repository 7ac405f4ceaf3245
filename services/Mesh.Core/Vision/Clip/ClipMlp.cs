using Mesh.Core.Loading;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mesh.Core.Vision.Clip;

/// <summary>The CLIP feed-forward block: <c>fc2(act(fc1(x)))</c> with the config's <c>hidden_act</c>.</summary>
public sealed class ClipMlp : nn.Module<Tensor, Tensor>
{
    readonly string _activation;
    public readonly Linear fc1, fc2;

    public ClipMlp(VisionConfig config, ScalarType dtype) : base(nameof(ClipMlp))
    {
        ClipActivations.Validate(config.HiddenAct, "vision_config.hidden_act");
        _activation = config.HiddenAct;
        fc1 = nn.Linear(config.HiddenSize, config.IntermediateSize, dtype: dtype);
        fc2 = nn.Linear(config.IntermediateSize, config.HiddenSize, dtype: dtype);
        RegisterComponents();
    }

    /// <summary>x [B, T, hidden] -> [B, T, hidden].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var activated = ClipActivations.Apply(_activation, fc1.forward(x)); // [B, T, intermediate]
        return fc2.forward(activated).MoveToOuterDisposeScope();
    }
}
