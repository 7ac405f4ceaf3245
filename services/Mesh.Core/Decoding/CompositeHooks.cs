using static TorchSharp.torch;

namespace Mesh.Core.Decoding;

/// <summary>
/// Several hooks as one: masks add up (each entry 0 or -inf), probabilities go to every hook that asked,
/// layer outputs to all. Null members are skipped, so callers compose optional interventions freely.
/// </summary>
public sealed class CompositeHooks(params IForwardHooks?[] hooks) : IForwardHooks
{
    readonly IForwardHooks[] _parts = hooks.OfType<IForwardHooks>().ToArray();

    /// <summary>One hook stays itself, none gives null.</summary>
    public static IForwardHooks? Of(params IForwardHooks?[] hooks)
    {
        var present = hooks.OfType<IForwardHooks>().ToArray();
        return present.Length switch { 0 => null, 1 => present[0], _ => new CompositeHooks(present) };
    }

    public Tensor? AttentionMask(in AttentionStep step)
    {
        Tensor? total = null;
        foreach (var hook in _parts)
        {
            var mask = hook.AttentionMask(step);
            if (mask is null) continue;
            total = total is null ? mask : total.add(mask, Nn.Scalars.One);
        }
        return total;
    }

    public bool CaptureProbabilities(in AttentionStep step)
    {
        foreach (var hook in _parts)
            if (hook.CaptureProbabilities(step)) return true;
        return false;
    }

    public void OnAttentionProbabilities(in AttentionStep step, Tensor probabilities)
    {
        foreach (var hook in _parts)
            if (hook.CaptureProbabilities(step)) hook.OnAttentionProbabilities(step, probabilities);
    }

    public void OnLayerOutput(int layer, StepPhase phase, Tensor hidden)
    {
        foreach (var hook in _parts) hook.OnLayerOutput(layer, phase, hidden);
    }

    public void OnFinalHidden(StepPhase phase, Tensor hidden)
    {
        foreach (var hook in _parts) hook.OnFinalHidden(phase, hidden);
    }
}
