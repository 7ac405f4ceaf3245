using Mesh.Core.Decoding;
using static TorchSharp.torch;

namespace Mesh.Core.Interp;

/// <summary>
/// Masked generation (docs/paper.md section 6a): in decode steps, generated rows see only the image tokens
/// the selection keeps in that layer; the prompt and the prefill are untouched. The selection is asked
/// for at the first decode step, so one scored in the same pass's prefill (norm, FastV) can be used.
/// </summary>
public sealed class SelectionMaskHooks(Func<ImageSelection> selectionProvider, TokenGroups groups) : IForwardHooks
{
    ImageSelection? _selection;

    public SelectionMaskHooks(ImageSelection selection, TokenGroups groups) : this(() => selection, groups) => _selection = selection;

    /// <summary>The selection in force (null before the first decode step).</summary>
    public ImageSelection? Selection => _selection;

    public Tensor? AttentionMask(in AttentionStep step)
    {
        if (step.Phase != StepPhase.Decode) return null;
        _selection ??= selectionProvider();
        int t = step.QueryPositions.Length, s = step.KeyPositions.Length;
        var blocked = new bool[t * s];
        for (int k = 0; k < s; k++)
        {
            long key = step.KeyPositions[k];
            if (!groups.Contains(PositionGroup.Image, key) || _selection.Keeps(step.Layer, key)) continue;
            for (int q = 0; q < t; q++) blocked[q * s + k] = true;
        }
        return AdditiveMask.FromBlocked(blocked, t, s, step.Device);
    }
}
