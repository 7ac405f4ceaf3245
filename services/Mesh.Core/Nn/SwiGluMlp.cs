using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mesh.Core.Nn;

/// <summary>The LLaMA feed-forward block: <c>down(silu(gate(x)) * up(x))</c>.</summary>
public sealed class SwiGluMlp : nn.Module<Tensor, Tensor>
{
    public readonly Linear gate_proj, up_proj, down_proj;

    public SwiGluMlp(long hidden, long intermediate, bool bias, ScalarType dtype) : base(nameof(SwiGluMlp))
    {
        gate_proj = nn.Linear(hidden, intermediate, hasBias: bias, dtype: dtype);
        up_proj = nn.Linear(hidden, intermediate, hasBias: bias, dtype: dtype);
        down_proj = nn.Linear(intermediate, hidden, hasBias: bias, dtype: dtype);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var gate = gate_proj.forward(x);
        using var activated = nn.functional.silu(gate);
        using var up = up_proj.forward(x);
        using var product = activated * up;
        return down_proj.forward(product);
    }
}
