using Mesh.Core.Decoding;
using static TorchSharp.torch;

namespace Mesh.Core.Interp;

/// <summary>
/// Applies a <see cref="AttentionKnockout"/> through <see cref="IForwardHooks.AttentionMask"/>: one additive mask
/// [T, S] per layer and step from absolute positions, so prefill and cached decode agree. Layers with
/// nothing blocked get no mask (and may keep the fused path), so an empty knockout changes nothing.
/// </summary>
public class KnockoutHooks(AttentionKnockout knockout, TokenGroups groups) : IForwardHooks
{
    public virtual Tensor? AttentionMask(in AttentionStep step)
    {
        var blocked = knockout.BlockedEntries(groups, step.Layer, step.QueryPositions, step.KeyPositions);
        return blocked is null ? null : AdditiveMask.FromBlocked(blocked, step.QueryPositions.Length, step.KeyPositions.Length, step.Device);
    }
}
