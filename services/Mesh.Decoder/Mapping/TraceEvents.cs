using System.Runtime.InteropServices;
using Google.Protobuf;
using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Interp;

namespace Mesh.Decoder.Mapping;

/// <summary>Token traces as stream events: one <see cref="LayerTraces"/> per token, full rows as F16 chunks.</summary>
internal static class TraceEvents
{
    public static GenerateEvent Layers(TokenTrace trace)
    {
        var message = new LayerTraces { TokenIndex = trace.TokenIndex };
        foreach (var layer in trace.Layers)
        {
            var item = new LayerTrace
            {
                Layer = layer.Layer, Image = layer.Fractions.Image, Query = layer.Fractions.Query, Generated = layer.Fractions.Generated,
            };
            if (layer.ImageMap is { } map)
                item.ImageMap = new ImageMap
                {
                    GridRows = map.Grid.Rows, GridCols = map.Grid.Cols,
                    ValuesF16 = ByteString.CopyFrom(MemoryMarshal.AsBytes(map.Values.AsSpan())),
                };
            message.Layers.Add(item);
        }
        return new GenerateEvent { Traces = message };
    }

    /// <summary>
    /// Every head's row of every traced layer by key position, keys 0 .. the predicting position, in chunks of at most
    /// <paramref name="chunkBytes"/> bytes of F16 values. A key the cache does not hold (a position a compressed
    /// context dropped) reads 0, as it gets no attention.
    /// </summary>
    public static IEnumerable<GenerateEvent> Rows(TokenTrace trace, int chunkBytes)
    {
        int chunk = Math.Max(1, chunkBytes / 2);
        int length = (int)trace.PredictingPosition + 1;
        foreach (var layer in trace.Layers)
        {
            if (layer.Rows is not { } rows) continue;
            var keys = rows.KeyPositions;
            for (int head = 0; head < rows.Heads; head++)
            {
                var row = new Half[length];
                for (int k = 0; k < keys.Length; k++) row[keys[k]] = (Half)rows.Values[head * keys.Length + k];
                for (int offset = 0; offset < length; offset += chunk)
                {
                    int n = Math.Min(chunk, length - offset);
                    yield return new GenerateEvent
                    {
                        Rows = new AttentionRowChunk
                        {
                            TokenIndex = trace.TokenIndex, Layer = layer.Layer, Head = head, Offset = offset, RowLength = length,
                            ValuesF16 = ByteString.CopyFrom(MemoryMarshal.AsBytes(row.AsSpan(offset, n))),
                        },
                    };
                }
            }
        }
    }
}
