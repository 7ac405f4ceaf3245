
using Mesh.Core.Interp;
using Mesh.ServiceDefaults.Grpc;
using Proto = Mesh.Contracts.Decoder.V1;

namespace Mesh.Decoder.Streaming;

/// <summary>Knockout, trace and selection messages in Mesh.Core's terms; shape errors become INVALID_ARGUMENT.</summary>
internal static class InterpMapper
{
    public static Knockout Knockout(Proto.Knockout? knockout) =>
        knockout is null || knockout.Edges.Count == 0
            ? Mesh.Core.Interp.Knockout.None
            : new(knockout.Edges.Select((e, i) => new KnockoutEdge(Selector(e.Source, $"knockout.edges[{i}].source"),
                                                                    Selector(e.Target, $"knockout.edges[{i}].target"))).ToArray(),
                  Layers(knockout.Layers, "knockout.layers"));

    public static TraceOptions Trace(Proto.TraceOptions? trace) => trace?.Level switch
    {
        null or Proto.TraceLevel.Unspecified or Proto.TraceLevel.None => TraceOptions.None,
        Proto.TraceLevel.Fractions => new(TraceLevel.Fractions, Layers(trace.Layers, "trace.layers")),
        Proto.TraceLevel.ImageMaps => new(TraceLevel.ImageMaps, Layers(trace.Layers, "trace.layers")),
        Proto.TraceLevel.FullRows => new(TraceLevel.FullRows, Layers(trace.Layers, "trace.layers")),
        var other => throw RpcErrors.InvalidArgumentException("trace.level", $"unknown trace level {(int)other}; allowed: NONE, FRACTIONS, IMAGE_MAPS, FULL_ROWS"),
    };

    public static SelectionRequest? Selection(Proto.TokenSelection? selection)
    {
        if (selection is null || selection.Method is Proto.SelectionMethod.Unspecified or Proto.SelectionMethod.None) return null;
        var method = selection.Method switch
        {
            Proto.SelectionMethod.Attention => SelectionMethod.Attention,
            Proto.SelectionMethod.Random => SelectionMethod.Random,
            Proto.SelectionMethod.Norm => SelectionMethod.Norm,
            Proto.SelectionMethod.Fastv => SelectionMethod.FastV,
            var other => throw RpcErrors.InvalidArgumentException("selection.method", $"unknown selection method {(int)other}; allowed: ATTENTION, RANDOM, NORM, FASTV"),
        };
        if (!(selection.K > 0 && selection.K <= 1))
            RpcErrors.InvalidArgument("selection.k", $"k is {selection.K}; allowed: a fraction in (0, 1]");
        return new SelectionRequest(method, selection.K, selection.Seed, selection.FastvLayer);
    }

    static TokenSelector Selector(Mesh.Contracts.Common.V1.TokenSelector? selector, string field) => selector?.SelectorCase switch
    {
        Mesh.Contracts.Common.V1.TokenSelector.SelectorOneofCase.Span => new Mesh.Core.Interp.TokenSelector.Span(selector.Span.Start, selector.Span.End),
        Mesh.Contracts.Common.V1.TokenSelector.SelectorOneofCase.Group => selector.Group switch
        {
            Mesh.Contracts.Common.V1.TokenGroup.Image => TokenGroup.Image,
            Mesh.Contracts.Common.V1.TokenGroup.Prefix => TokenGroup.Prefix,
            Mesh.Contracts.Common.V1.TokenGroup.Instruction => TokenGroup.Instruction,
            Mesh.Contracts.Common.V1.TokenGroup.Query => TokenGroup.Query,
            Mesh.Contracts.Common.V1.TokenGroup.Generated => TokenGroup.Generated,
            var other => throw RpcErrors.InvalidArgumentException(field, $"unknown token group {other}; allowed: IMAGE, PREFIX, INSTRUCTION, QUERY, GENERATED"),
        },
        _ => throw RpcErrors.InvalidArgumentException(field, "a selector needs a group or a span"),
    };

    /// <summary>An unset layer set means every layer; several ranges become their explicit union.</summary>
    static Mesh.Core.Interp.LayerSet Layers(Mesh.Contracts.Common.V1.LayerSet? set, string field) => set?.SelectionCase switch
    {
        null or Mesh.Contracts.Common.V1.LayerSet.SelectionOneofCase.None => Mesh.Core.Interp.LayerSet.All,
        Mesh.Contracts.Common.V1.LayerSet.SelectionOneofCase.Layers => Mesh.Core.Interp.LayerSet.Explicit([.. set.Layers.Layers]),
        Mesh.Contracts.Common.V1.LayerSet.SelectionOneofCase.Ranges => Ranges(set.Ranges, field),
        Mesh.Contracts.Common.V1.LayerSet.SelectionOneofCase.FromLayer => Mesh.Core.Interp.LayerSet.From(set.FromLayer),
        _ => Mesh.Core.Interp.LayerSet.Except(set.ExceptRange.First, set.ExceptRange.Last),
    };

    static Mesh.Core.Interp.LayerSet Ranges(Mesh.Contracts.Common.V1.LayerRanges ranges, string field)
    {
        if (ranges.Ranges.Any(r => r.Last < r.First || r.First < 0))
            RpcErrors.InvalidArgument(field, "each range needs 0 <= first <= last");
        if (ranges.Ranges.Count == 1) return Mesh.Core.Interp.LayerSet.Range(ranges.Ranges[0].First, ranges.Ranges[0].Last);
        return Mesh.Core.Interp.LayerSet.Explicit([.. ranges.Ranges.SelectMany(r => Enumerable.Range(r.First, r.Last - r.First + 1))]);
    }
}
