using Mesh.Core.Decoding;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mesh.Core.Nn;

/// <summary>
/// Grouped-query self-attention with RoPE and a KV cache. Query head h reads KV head h / groups (as
/// transformers' repeat_kv). The eager path applies an optional additive mask before the softmax and
/// can hand the probabilities to the request's hooks; the fused path is used when neither is asked.
/// </summary>
public sealed class LlamaAttention : nn.Module
{
    readonly int _heads, _kvHeads, _headDim;
    readonly Scalar _scaleScalar;   // see Scalars: libtorch reads it during the call
    public readonly Linear q_proj, k_proj, v_proj, o_proj;

    public LlamaAttention(Loading.TextConfig config, ScalarType dtype) : base(nameof(LlamaAttention))
    {
        _heads = config.NumAttentionHeads;
        _kvHeads = config.NumKeyValueHeads;
        _headDim = config.HeadDim;
        _scaleScalar = Math.Sqrt(_headDim);
        long h = config.HiddenSize;
        q_proj = nn.Linear(h, _heads * _headDim, hasBias: config.QkvBias, dtype: dtype);
        k_proj = nn.Linear(h, _kvHeads * _headDim, hasBias: config.QkvBias, dtype: dtype);
        v_proj = nn.Linear(h, _kvHeads * _headDim, hasBias: config.QkvBias, dtype: dtype);
        o_proj = nn.Linear(_heads * _headDim, h, hasBias: config.OutputBias, dtype: dtype);
        RegisterComponents();
    }

    /// <summary>x [1, T, hidden] -> [1, T, hidden]; writes this layer's K/V for the T new rows into the cache.</summary>
    public Tensor Forward(Tensor x, int layer, ForwardContext ctx)
    {
        using var scope = NewDisposeScope();
        long t = x.shape[1];
        var q = q_proj.forward(x).view(1, t, _heads, _headDim).transpose(1, 2);     // [1, H, T, D]
        var k = k_proj.forward(x).view(1, t, _kvHeads, _headDim).transpose(1, 2);   // [1, KvH, T, D]
        var v = v_proj.forward(x).view(1, t, _kvHeads, _headDim).transpose(1, 2);   // [1, KvH, T, D]
        q = RotaryEmbedding.Apply(q, ctx.Cos, ctx.Sin);
        k = RotaryEmbedding.Apply(k, ctx.Cos, ctx.Sin);
        var causalMask = ctx.CausalMask(ctx.Cache.LayerLength(layer));            // [T, S] or null (before Write)
        var (keys, values) = ctx.Cache.Write(layer, k, v);                         // [1, KvH, S, D]

        var positions = ctx.Cache.Positions(layer);
        Span<long> keyPositions = new long[positions.Length + t];
        positions.CopyTo(keyPositions);
        ctx.QueryPositions.CopyTo(keyPositions[positions.Length..]);
        var step = new AttentionStep(layer, ctx.Phase, ctx.QueryPositions, keyPositions, x.device);
        var extraMask = ctx.Hooks?.AttentionMask(step);
        bool capture = ctx.Hooks?.CaptureProbabilities(step) ?? false;

        var attended = extraMask is null && !capture && ctx.Path == AttentionPath.Auto
            ? Fused(q, keys, values, causalMask)
            : Eager(q, keys, values, causalMask, extraMask, capture, step, ctx);   // [1, H, T, D]
        var merged = attended.transpose(1, 2).reshape(1, t, _heads * _headDim);     // [1, T, H*D]
        return o_proj.forward(merged).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Training forward, no cache and no hooks, over packed sequences: x [N, hidden] (the flat rows of
    /// <paramref name="packing"/>), <paramref name="cos"/> and <paramref name="sin"/> [N, 1, D] at each row's own
    /// position -> [N, hidden]. Each bucket attends as a right-padded block under a causal mask; a causal row never
    /// reads the pads after it, and the pads' own rows are dropped.
    /// </summary>
    public Tensor ForwardPacked(Tensor x, Tensor cos, Tensor sin, PackedSequences packing)
    {
        using var scope = NewDisposeScope();
        long n = x.shape[0];
        var q = RotaryEmbedding.Apply(q_proj.forward(x).view(n, _heads, _headDim), cos, sin);     // [N, H, D]
        var k = RotaryEmbedding.Apply(k_proj.forward(x).view(n, _kvHeads, _headDim), cos, sin);   // [N, KvH, D]
        var v = v_proj.forward(x).view(n, _kvHeads, _headDim);                                     // [N, KvH, D]
        var blocks = new List<Tensor>(packing.Buckets.Count);
        foreach (var bucket in packing.Buckets)
        {
            long b = bucket.Sequences, t = bucket.Length;
            var qb = packing.ToBlock(q, bucket).view(b, t, _heads, _headDim).transpose(1, 2);             // [b, H, t, D]
            var kb = RepeatKv(packing.ToBlock(k, bucket).view(b, t, _kvHeads, _headDim).transpose(1, 2)); // [b, H, t, D]
            var vb = RepeatKv(packing.ToBlock(v, bucket).view(b, t, _kvHeads, _headDim).transpose(1, 2)); // [b, H, t, D]
            var attended = nn.functional.scaled_dot_product_attention(qb, kb, vb, is_casual: true);    // [b, H, t, D]
            blocks.Add(attended.transpose(1, 2).reshape(b * t, _heads * _headDim));                       // [b*t, H*D]
        }
        var merged = packing.FromBlocks(blocks);                                                        // [N, H*D]
        return o_proj.forward(merged).MoveToOuterDisposeScope();
    }

    Tensor Eager(Tensor q, Tensor keys, Tensor values, Tensor? causalMask, Tensor? extraMask, bool capture,
                 in AttentionStep step, ForwardContext ctx)
    {
        // Fold each KV group's query heads into rows so K/V are read in place, never repeated:
        // heads j*g .. j*g+g-1 share KV head j, so [1, H, T, D] views as [1, KvH, g*T, D].
        long t = q.shape[2], s = keys.shape[2], groups = _heads / _kvHeads;
        var folded = q.reshape(1, _kvHeads, groups * t, _headDim);                   // [1, KvH, g*T, D]
        var scores = matmul(folded, keys.transpose(2, 3)).view(1, _heads, t, s);   // [1, H, T, S]
        scores.div_(_scaleScalar);
        if (causalMask is not null) scores.add_(causalMask, Scalars.One);
        if (extraMask is not null) scores.add_(extraMask.to(scores.dtype), Scalars.One);
        // Every op is a native call: on one decode row their fixed cost rivals the arithmetic, so none is spared.
        var probabilities = scores.dtype == float32 ? scores.softmax(-1) : scores.softmax(-1, float32); // [1, H, T, S]
        if (capture) ctx.Hooks!.OnAttentionProbabilities(step, probabilities);
        var weights = probabilities.dtype == q.dtype ? probabilities : probabilities.to(q.dtype);
        var mixed = matmul(weights.view(1, _kvHeads, groups * t, s), values);      // [1, KvH, g*T, D]
        return mixed.view(1, _heads, t, _headDim);                                   // [1, H, T, D]
    }

    Tensor Fused(Tensor q, Tensor keys, Tensor values, Tensor? causalMask)
    {
        long t = q.shape[2], s = keys.shape[2];
        if (t == 1 && _kvHeads != _heads)
        {
            // One row: fold each KV group's query heads into rows so K/V are not repeated.
            long groups = _heads / _kvHeads;
            var folded = q.reshape(1, _kvHeads, groups, _headDim);                     // [1, KvH, g, D]
            var outFolded = nn.functional.scaled_dot_product_attention(folded, keys, values);
            return outFolded.reshape(1, _heads, 1, _headDim);
        }
        var k = RepeatKv(keys);
        var v = RepeatKv(values);
        if (t == 1) return nn.functional.scaled_dot_product_attention(q, k, v);
        if (s == t) return nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true);
        return nn.functional.scaled_dot_product_attention(q, k, v, attn_mask: causalMask);
    }

    /// <summary>[B, KvH, S, D] -> [B, H, S, D], KV head j repeated for query heads j*g .. j*g+g-1.</summary>
    Tensor RepeatKv(Tensor kv)
    {
        if (_kvHeads == _heads) return kv;
        long b = kv.shape[0], groups = _heads / _kvHeads, s = kv.shape[2];
        return kv.unsqueeze(2).expand(b, _kvHeads, groups, s, _headDim).reshape(b, _heads, s, _headDim);
    }
}
