using System.Runtime.InteropServices;
using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Interp;
using Mesh.Decoder.Mapping;

namespace Mesh.Decoder.Tests.Mapping;

/// <summary>Token traces as stream events: fractions and F16 image maps per layer, full rows in chunks that cover each row once.</summary>
public sealed class TraceEventsTests
{
    static readonly float[] Row = [0.1f, 0.2f, 0.3f, 0.15f, 0.25f, 0.5f, 0.1f, 0.1f, 0.2f, 0.1f];   // 2 heads x 5 keys

    static TokenTrace Trace(bool withRows) => new(3, 77, 4,
    [
        new TracedLayer(1, new AttentionFractions(0.5f, 0.3f, 0.2f), new AttentionGrid(new ImageGrid(1, 2), [(Half)0.25f, (Half)0.125f]),
                        withRows ? new FullRows(2, [0, 1, 2, 3, 4], Row) : null),
        new TracedLayer(2, new AttentionFractions(0.1f, 0.8f, 0.1f)),
    ]);

    [Fact]
    public void LayersCarryFractionsAndLittleEndianF16Maps()
    {
        var traces = TraceEvents.Layers(Trace(withRows: false)).Traces;
        Assert.Equal(3, traces.TokenIndex);
        Assert.Equal([1, 2], traces.Layers.Select(l => l.Layer));
        Assert.Equal((0.5f, 0.3f, 0.2f), (traces.Layers[0].Image, traces.Layers[0].Query, traces.Layers[0].Generated));
        var map = traces.Layers[0].ImageMap;
        Assert.Equal((1, 2), (map.GridRows, map.GridCols));
        Assert.Equal([(Half)0.25f, (Half)0.125f], MemoryMarshal.Cast<byte, Half>(map.ValuesF16.Span).ToArray());
        Assert.Null(traces.Layers[1].ImageMap);
    }

    [Fact]
    public void RowsComeInChunksThatCoverEachHeadsRowOnce()
    {
        var chunks = TraceEvents.Rows(Trace(withRows: true), chunkBytes: 4).Select(e => e.Rows).ToList();   // 2 values per chunk
        Assert.Equal([(0, 0), (0, 2), (0, 4), (1, 0), (1, 2), (1, 4)], chunks.Select(c => (c.Head, c.Offset)));
        Assert.All(chunks, c => Assert.Equal((3, 1, 5), (c.TokenIndex, c.Layer, c.RowLength)));
        foreach (var head in new[] { 0, 1 })
        {
            var values = chunks.Where(c => c.Head == head).SelectMany(c => MemoryMarshal.Cast<byte, Half>(c.ValuesF16.Span).ToArray());
            Assert.Equal(Row.Skip(5 * head).Take(5).Select(v => (Half)v), values);
        }
        Assert.Empty(TraceEvents.Rows(Trace(withRows: false), chunkBytes: 4));
    }

    [Fact]
    public void ARowOverKeptPositionsIsLaidOutByKeyPosition()
    {
        // A compressed context kept positions 0, 2 and 3 of its prompt; the predicting row is at 5 and sees itself.
        var trace = new TokenTrace(0, 9, 5, [new TracedLayer(0, new AttentionFractions(0.4f, 0.6f, 0), Rows: new FullRows(1, [0, 2, 3, 5], [0.5f, 0.125f, 0.25f, 0.125f]))]);
        var chunk = Assert.Single(TraceEvents.Rows(trace, chunkBytes: 1024)).Rows;
        Assert.Equal((0, 6), (chunk.Offset, chunk.RowLength));
        Assert.Equal([0.5f, 0, 0.125f, 0.25f, 0, 0.125f], MemoryMarshal.Cast<byte, Half>(chunk.ValuesF16.Span).ToArray().Select(v => (float)v));
    }
}
