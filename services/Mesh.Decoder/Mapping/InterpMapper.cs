using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Interp;
using Mesh.ServiceDefaults.Grpc;

namespace Mesh.Decoder.Mapping;

/// <summary>Knockout, trace and selection messages in Mesh.Core's terms; what they cannot hold becomes INVALID_ARGUMENT.</summary>
internal static class InterpMapper
{
    public static AttentionKnockout Knockout(Knockout? knockout) =>
        knockout is null || knockout.Edges.Count == 0
            ? AttentionKnockout.None
            : new(knockout.Edges.Select((e, i) => new AttentionEdge(Selector(e.Source, $"knockout.edges[{i}].source"),
                                                                     Selector(e.Target, $"knockout.edges[{i}].target"))).ToArray(),
                  Layers(knockout.Layers, "knockout.layers"));

    public static TraceRequest Trace(TraceOptions? trace) => trace?.Level switch
    {
        null or TraceLevel.Unspecified or TraceLevel.None => TraceRequest.None,
        TraceLevel.Fractions => new(TraceDetail.Fractions, Layers(trace.Layers, "trace.layers")),
        TraceLevel.ImageMaps => new(TraceDetail.ImageMaps, Layers(trace.Layers, "trace.layers")),
        TraceLevel.FullRows => new(TraceDetail.FullRows, Layers(trace.Layers, "trace.layers")),
        var other => throw RpcErrors.InvalidArgumentException("trace.level", $"unknown trace level {(int)other}; allowed: NONE, FRACTIONS, IMAGE_MAPS, FULL_ROWS"),
    };

    /// <summary>The selection, or null for none (unset, UNSPECIFIED or NONE).</summary>
    public static SelectionRequest? Selection(TokenSelection? selection)
    {
        if (selection is null || selection.Method is SelectionMethod.Unspecified or SelectionMethod.None) return null;
        var method = selection.Method switch
        {
            SelectionMethod.Attention => RankingMethod.Attention,
            SelectionMethod.Random => RankingMethod.Random,
            SelectionMethod.Norm => RankingMethod.Norm,
            SelectionMethod.Fastv => RankingMethod.FastV,
            var other => throw RpcErrors.InvalidArgumentException("selection.method", $"unknown selection method {(int)other}; allowed: ATTENTION, RANDOM, NORM, FASTV"),
        };
        return Fields.Map("selection", () => new SelectionRequest(method, selection.K, selection.Seed, selection.FastvLayer));
    }

    static PositionSelector Selector(TokenSelector? selector, string field) => selector?.SelectorCase switch
    {
        TokenSelector.SelectorOneofCase.Span => Fields.Map(field, () => new PositionSelector.Span(selector.Span.Start, selector.Span.End)),
        TokenSelector.SelectorOneofCase.Group => selector.Group switch
        {
            TokenGroup.Image => PositionGroup.Image,
            TokenGroup.Prefix => PositionGroup.Prefix,
            TokenGroup.Instruction => PositionGroup.Instruction,
            TokenGroup.Query => PositionGroup.Query,
            TokenGroup.Generated => PositionGroup.Generated,
            var other => throw RpcErrors.InvalidArgumentException(field, $"unknown token group {other}; allowed: IMAGE, PREFIX, INSTRUCTION, QUERY, GENERATED"),
        },
        _ => throw RpcErrors.InvalidArgumentException(field, "a selector needs a group or a span"),
    };

    /// <summary>An unset layer set means every layer; several ranges become their explicit union.</summary>
    static LayerScope Layers(LayerSet? set, string field) => Fields.Map(field, () => set?.SelectionCase switch
    {
        null or LayerSet.SelectionOneofCase.None => LayerScope.All,
        LayerSet.SelectionOneofCase.Layers => LayerScope.Explicit([.. set.Layers.Layers]),
        LayerSet.SelectionOneofCase.Ranges => LayerScope.Ranges([.. set.Ranges.Ranges.Select(r => (r.First, r.Last))]),
        LayerSet.SelectionOneofCase.FromLayer => LayerScope.From(set.FromLayer),
        _ => LayerScope.Except(set.ExceptRange.First, set.ExceptRange.Last),
    });
}
