using static TorchSharp.torch;

namespace Mesh.Core.Decoding;

/// <summary>Whether a forward pass processes the prompt or one generated token.</summary>
public enum StepPhase { Prefill, Decode }

/// <summary>
/// What one attention layer sees in one step: absolute query positions, the cached key positions, and the device
/// its tensors live on (where a hook's mask must be made).
/// </summary>
public readonly ref struct AttentionStep(int layer, StepPhase phase, ReadOnlySpan<long> queryPositions, ReadOnlySpan<long> keyPositions,
                                         Device device)
{
    public int Layer { get; } = layer;
    public StepPhase Phase { get; } = phase;
    /// <summary>[T] absolute positions of the rows being computed.</summary>
    public ReadOnlySpan<long> QueryPositions { get; } = queryPositions;
    /// <summary>[S] absolute positions of the key slots (cached ones first, then the new rows).</summary>
    public ReadOnlySpan<long> KeyPositions { get; } = keyPositions;
    /// <summary>The device of the layer's hidden states and attention scores.</summary>
    public Device Device { get; } = device;
}

/// <summary>
/// Per-request interventions and observers of a forward pass. Every member has a do-nothing default;
/// a layer asked for neither a mask nor probabilities may take the fused attention path.
/// Tensors handed to observers live only for the call: copy what you keep.
/// </summary>
public interface IForwardHooks
{
    /// <summary>An additive pre-softmax mask for this layer on <see cref="AttentionStep.Device"/>, [T, S] or [heads, T, S] (0 or -inf), or null.</summary>
    Tensor? AttentionMask(in AttentionStep step) => null;

    /// <summary>Whether this layer must hand its softmax probabilities to <see cref="OnAttentionProbabilities"/>.</summary>
    bool CaptureProbabilities(in AttentionStep step) => false;

    /// <summary>Softmax probabilities [1, heads, T, S] (float32) of a layer that asked for them.</summary>
    void OnAttentionProbabilities(in AttentionStep step, Tensor probabilities) { }

    /// <summary>The residual stream [1, T, hidden] after decoder layer <paramref name="layer"/>.</summary>
    void OnLayerOutput(int layer, StepPhase phase, Tensor hidden) { }

    /// <summary>The final RMSNorm output [1, T, hidden] (before the LM head).</summary>
    void OnFinalHidden(StepPhase phase, Tensor hidden) { }
}
