using Mesh.Core.Decoding;
using static TorchSharp.torch;

namespace Mesh.Core.Interp;

/// <summary>
/// Applies a <see cref="Knockout"/> through <see cref="IForwardHooks.AttentionMask"/>: one additive mask
/// [T, S] per layer and step from absolute positions, so prefill and cached decode agree. Layers with
/// nothing blocked get no mask (and may keep the fused path), so an empty knockout changes nothing.
/// </summary>
public class KnockoutHooks(Knockout knockout, TokenGroups groups) : IForwardHooks
{
    public virtual Tensor? AttentionMask(in AttentionStep step)
    {
        if (knockout.IsEmpty || !knockout.Layers.Contains(step.Layer)) return null;
        int t = step.QueryPositions.Length, s = step.KeyPositions.Length;
        var mask = new float[t * s];
        bool any = false;
        for (int q = 0; q < t; q++)
            for (int k = 0; k < s; k++)
                if (knockout.Blocks(groups, step.Layer, step.QueryPositions[q], step.KeyPositions[k]))
                {
                    mask[q * s + k] = float.NegativeInfinity;
                    any = true;
                }
        return any ? tensor(mask, [t, s]) : null;
    }
}
