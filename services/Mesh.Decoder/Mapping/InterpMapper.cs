using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Interp;
using Mesh.ServiceDefaults.Grpc;

namespace Mesh.Decoder.Mapping;

/// <summary>Knockout, trace and selection messages in Mesh.Core's terms; shape errors become INVALID_ARGUMENT.</summary>
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
        if (!(selection.K > 0 && selection.K <= 1))
            RpcErrors.InvalidArgument("selection.k", $"k is {selection.K}; allowed: a fraction in (0, 1]");
        return new SelectionRequest(method, selection.K, selection.Seed, selection.FastvLayer);
    }

    static PositionSelector Selector(TokenSelector? selector, string field) => selector?.SelectorCase switch
    {
        TokenSelector.SelectorOneofCase.Span => new PositionSelector.Span(selector.Span.Start, selector.Span.End),
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
    static LayerScope Layers(LayerSet? set, string field) => set?.SelectionCase switch
    {
        null or LayerSet.SelectionOneofCase.None => LayerScope.All,
        LayerSet.SelectionOneofCase.Layers => LayerScope.Explicit([.. set.Layers.Layers]),
        LayerSet.SelectionOneofCase.Ranges => Ranges(set.Ranges, field),
        LayerSet.SelectionOneofCase.FromLayer => LayerScope.From(set.FromLayer),
        _ => LayerScope.Except(set.ExceptRange.First, set.ExceptRange.Last),
    };

    static LayerScope Ranges(LayerRanges ranges, string field)
    {
        if (ranges.Ranges.Any(r => r.Last < r.First || r.First < 0))
            RpcErrors.InvalidArgument(field, "each range needs 0 <= first <= last");
        if (ranges.Ranges.Count == 1) return LayerScope.Range(ranges.Ranges[0].First, ranges.Ranges[0].Last);
        return LayerScope.Explicit([.. ranges.Ranges.SelectMany(r => Enumerable.Range(r.First, r.Last - r.First + 1))]);
    }
}
