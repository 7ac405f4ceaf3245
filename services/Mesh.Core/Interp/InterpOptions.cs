namespace Mesh.Core.Interp;

/// <summary>The part of a request that does not fit its model or prompt.</summary>
public enum InterpPart { Knockout, Trace, Selection, Contents }

/// <summary>A request part that does not fit its model or prompt; the message says what is allowed.</summary>
public sealed class InterpPartException(InterpPart part, string message) : ArgumentException(message)
{
    public InterpPart Part { get; } = part;
}

/// <summary>
/// The interventions and observations of one generation, fitted to the prompt's <see cref="Groups"/> and a
/// model's layers when built (<see cref="For"/>), so the code that runs them trusts them.
/// </summary>
public sealed class InterpOptions
{
    InterpOptions(TokenGroups groups, AttentionKnockout knockout, TraceRequest trace, SelectionRequest? selection) =>
        (Groups, Knockout, Trace, Selection) = (groups, knockout, trace, selection);

    public TokenGroups Groups { get; }
    public AttentionKnockout Knockout { get; }
    public TraceRequest Trace { get; }
    /// <summary>Masked generation: decode steps see only these image tokens (docs/paper.md section 6a).</summary>
    public SelectionRequest? Selection { get; }

    /// <summary>
    /// The parts fitted to a prompt of <paramref name="groups"/> on a model of <paramref name="layerCount"/> layers whose
    /// run may reach position <paramref name="sequenceLimit"/> - 1. Throws <see cref="InterpPartException"/> naming the
    /// part that does not fit.
    /// </summary>
    public static InterpOptions For(TokenGroups groups, int layerCount, long sequenceLimit, AttentionKnockout? knockout = null,
                                    TraceRequest? trace = null, SelectionRequest? selection = null)
    {
        knockout ??= AttentionKnockout.None;
        trace ??= TraceRequest.None;
        Check(InterpPart.Knockout, () => knockout.CheckFits(groups, layerCount, sequenceLimit));
        Check(InterpPart.Trace, () => trace.CheckFits(layerCount));
        if (selection is not null) Check(InterpPart.Selection, () => selection.CheckFits(groups, layerCount));
        return new(groups, knockout, trace, selection);
    }

    /// <summary>Runs <paramref name="check"/>, its <see cref="ArgumentException"/> naming <paramref name="part"/>.</summary>
    internal static void Check(InterpPart part, Action check)
    {
        try
        {
            check();
        }
        catch (ArgumentException e) when (e is not InterpPartException)
        {
            throw new InterpPartException(part, e.Message);
        }
    }
}
