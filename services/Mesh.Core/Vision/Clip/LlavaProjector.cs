using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mesh.Core.Vision.Clip;

/// <summary>LLaVA's multi-modal projector: <c>linear_2(act(linear_1(x)))</c>, vision width -> decoder width.</summary>
public sealed class LlavaProjector : nn.Module<Tensor, Tensor>
{
    public readonly Linear linear_1, linear_2;

    public LlavaProjector(long visionHidden, long textHidden, string activation, ScalarType dtype) : base(nameof(LlavaProjector))
    {
        ClipActivations.Validate(activation, "projector_hidden_act");
        Activation = activation;
        linear_1 = nn.Linear(visionHidden, textHidden, dtype: dtype);
        linear_2 = nn.Linear(textHidden, textHidden, dtype: dtype);
        RegisterComponents();
    }

    /// <summary>The <c>projector_hidden_act</c> between the two layers.</summary>
    public string Activation { get; }

    /// <summary>x [B, N, vision hidden] -> [B, N, text hidden].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var hidden = ClipActivations.Apply(Activation, linear_1.forward(x)); // [B, N, text hidden]
        return linear_2.forward(hidden).MoveToOuterDisposeScope();
    }
}
