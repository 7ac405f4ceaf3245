using static TorchSharp.torch;

namespace Mesh.Core.Decoding;

/// <summary>Turns a blocked-entry predicate over one step's (query, key) slots into an additive -inf mask.</summary>
public static class AdditiveMask
{
    /// <summary>
    /// [T, S] float mask on <paramref name="device"/> (the step's, <see cref="AttentionStep.Device"/>) with -inf where
    /// <paramref name="blocked"/> is true and 0 elsewhere, or null when nothing is blocked (so the layer may keep the fused path).
    /// </summary>
    public static Tensor? FromBlocked(ReadOnlySpan<bool> blocked, int t, int s, Device device)
    {
        if (blocked.Length != t * s) throw new ArgumentException($"blocked has {blocked.Length} entries, expected {t}x{s}");
        if (!blocked.Contains(true)) return null;
        var mask = new float[t * s];
        for (int i = 0; i < mask.Length; i++)
            if (blocked[i]) mask[i] = float.NegativeInfinity;
        return tensor(mask, [t, s], device: device);
    }
}
