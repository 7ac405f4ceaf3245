using static TorchSharp.torch;

namespace Mesh.Core.Decoding;

/// <summary>Which attention kernel a forward pass uses.</summary>
public enum AttentionPath
{
    /// <summary>Fused <c>scaled_dot_product_attention</c>, except in layers where a hook asks for a mask or probabilities.</summary>
    Auto,
    /// <summary>The eager path (explicit softmax) in every layer.</summary>
    Eager,
}

/// <summary>
/// State shared by the layers of one forward pass: the request's cache and hooks, the new rows'
/// positions, RoPE angles and causal mask. Lives inside one step's dispose scope.
/// </summary>
public sealed class ForwardContext
{
    public required KvCache Cache { get; init; }
    public required StepPhase Phase { get; init; }
    public required long[] QueryPositions { get; init; }
    public required Tensor Cos { get; init; }
    public required Tensor Sin { get; init; }
    /// <summary>
    /// Additive causal masks [T, cached + T] by a layer's cached slot count when T &gt; 1 (see
    /// <see cref="BuildCausalMask"/>); empty for a single row, which sees every slot.
    /// </summary>
    public IReadOnlyDictionary<long, Tensor> CausalMasks { get; init; } = new Dictionary<long, Tensor>();

    /// <summary>The causal mask for a layer holding <paramref name="cached"/> slots before this step, or null for one row.</summary>
    public Tensor? CausalMask(long cached) => CausalMasks.TryGetValue(cached, out var mask) ? mask : null;
    public IForwardHooks? Hooks { get; init; }
    public AttentionPath Path { get; init; }

    /// <summary>
    /// Additive causal mask [T, cached + T]: every cached slot is visible (all precede the new rows, see
    /// <see cref="KvCache.CheckAppend"/>); a new row sees itself and the new rows before it.
    /// </summary>
    public static Tensor BuildCausalMask(long cached, long t, ScalarType dtype, Device device)
    {
        using var scope = NewDisposeScope();
        var newRows = ones([t, t], dtype: ScalarType.Bool, device: device).triu(1);   // true above the diagonal
        var blocked = cat([zeros([t, cached], dtype: ScalarType.Bool, device: device), newRows], dim: 1);
        return zeros([t, cached + t], dtype: dtype, device: device)
            .masked_fill(blocked, Nn.Scalars.NegativeInfinity).MoveToOuterDisposeScope();
    }
}
