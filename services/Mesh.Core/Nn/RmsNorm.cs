using TorchSharp;
using static TorchSharp.torch;

namespace Mesh.Core.Nn;

/// <summary>
/// LLaMA RMSNorm: <c>weight * x / sqrt(mean(x^2) + eps)</c>, computed in float32 and cast back to the
/// input dtype before the weight is applied (as transformers does).
/// </summary>
public sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    readonly Scalar _epsScalar;   // see Scalars: libtorch reads it during the call
    public readonly TorchSharp.Modules.Parameter weight;

    public RmsNorm(long dim, double eps, ScalarType dtype) : base(nameof(RmsNorm))
    {
        _epsScalar = eps;
        weight = new TorchSharp.Modules.Parameter(ones(dim, dtype: dtype), requires_grad: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var input = x.to(float32);
        var variance = (input * input).mean([-1L], keepdim: true);
        var normed = (input * rsqrt(variance.add(_epsScalar, Scalars.One))).to(x.dtype);
        return (weight * normed).MoveToOuterDisposeScope();
    }
}
