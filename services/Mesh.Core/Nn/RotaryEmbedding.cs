using TorchSharp;
using static TorchSharp.torch;

namespace Mesh.Core.Nn;

/// <summary>
/// Rotary position embedding in the Hugging Face "rotate_half" layout: the two halves of head_dim pair
/// up. Angles are computed from the absolute positions on every call, as transformers does, so cached
/// and compressed contexts keep their original positions.
/// </summary>
public sealed class RotaryEmbedding : IDisposable
{
    readonly Tensor _invFreq; // [head_dim / 2], float32
    readonly double _linearFactor;
    readonly Scalar _linearFactorScalar;   // see Scalars: libtorch reads it during the call

    public RotaryEmbedding(int headDim, double theta, double linearFactor, Device device)
    {
        _linearFactor = linearFactor;
        _linearFactorScalar = linearFactor;
        using var exponents = arange(0, headDim, 2, dtype: int64, device: device).to(float32) / headDim;
        using var powers = pow(theta, exponents);
        _invFreq = (1.0 / powers).DetachFromDisposeScope();
    }

    /// <summary>cos and sin for <paramref name="positions"/> [T] (int64): each [T, head_dim], in <paramref name="dtype"/>.</summary>
    public (Tensor Cos, Tensor Sin) Angles(Tensor positions, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var pos = positions.to(float32);
        if (_linearFactor != 1.0) pos = pos.div(_linearFactorScalar);
        var freqs = outer(pos, _invFreq);                 // [T, D/2]
        var emb = cat([freqs, freqs], dim: -1);          // [T, D]
        var cos = emb.cos().to(dtype).MoveToOuterDisposeScope();
        var sin = emb.sin().to(dtype).MoveToOuterDisposeScope();
        return (cos, sin);
    }

    /// <summary>Rotates <paramref name="x"/> [..., D] by angles that broadcast to it: [T, D] for [B, heads, T, D], [N, 1, D] for packed rows [N, heads, D].</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        long half = x.shape[^1] / 2;
        var x1 = x.narrow(-1, 0, half);
        var x2 = x.narrow(-1, half, half);
        var rotated = cat([-x2, x1], dim: -1);          // rotate_half(x)
        return (x * cos).add(rotated * sin, Scalars.One).MoveToOuterDisposeScope();
    }

    public void Dispose() => _invFreq.Dispose();
}
