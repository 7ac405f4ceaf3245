using Mesh.Core.Loading;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mesh.Core.Vision.Clip;

/// <summary>
/// CLIP multi-head self-attention over all tokens (no mask), computed as transformers' eager path:
/// the queries are scaled by 1/sqrt(head_dim) before <c>Q K^T</c>.
/// </summary>
public sealed class ClipAttention : nn.Module<Tensor, Tensor>
{
    readonly long _heads, _headDim;
    readonly Scalar _scaleScalar;   // see Nn.Scalars: libtorch reads it during the call
    public readonly Linear q_proj, k_proj, v_proj, out_proj;

    public ClipAttention(VisionConfig config, ScalarType dtype) : base(nameof(ClipAttention))
    {
        long hidden = config.HiddenSize;
        _heads = config.NumAttentionHeads;
        if (_heads <= 0 || hidden % _heads != 0)
            throw new ModelConfigException($"vision hidden_size ({hidden}) must be a positive multiple of num_attention_heads ({_heads})");
        _headDim = hidden / _heads;
        _scaleScalar = Math.Pow(_headDim, -0.5);
        q_proj = nn.Linear(hidden, hidden, dtype: dtype);
        k_proj = nn.Linear(hidden, hidden, dtype: dtype);
        v_proj = nn.Linear(hidden, hidden, dtype: dtype);
        out_proj = nn.Linear(hidden, hidden, dtype: dtype);
        RegisterComponents();
    }

    /// <summary>x [B, T, hidden] -> [B, T, hidden].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long batch = x.shape[0], t = x.shape[1];
        var q = (q_proj.forward(x) * _scaleScalar).view(batch, t, _heads, _headDim).transpose(1, 2); // [B, H, T, Dh]
        var k = k_proj.forward(x).view(batch, t, _heads, _headDim).transpose(1, 2);           // [B, H, T, Dh]
        var v = v_proj.forward(x).view(batch, t, _heads, _headDim).transpose(1, 2);           // [B, H, T, Dh]
        var probabilities = nn.functional.softmax(matmul(q, k.transpose(2, 3)), -1);         // [B, H, T, T]
        var attended = matmul(probabilities, v).transpose(1, 2).reshape(batch, t, _heads * _headDim); // [B, T, hidden]
        return out_proj.forward(attended).MoveToOuterDisposeScope();
    }
}
