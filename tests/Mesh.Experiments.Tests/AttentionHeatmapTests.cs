using System.Runtime.InteropServices;
using Google.Protobuf;
using Mesh.Contracts.Decoder.V1;

namespace Mesh.Experiments.Tests;

public sealed class AttentionHeatmapTests
{
    [Fact]
    public void ValuesReadTheF16GridInRowMajorOrder()
    {
        Half[] grid = [(Half)0.5f, (Half)0.25f, (Half)0f, (Half)1f];
        var map = new ImageMap { GridRows = 2, GridCols = 2, ValuesF16 = ByteString.CopyFrom(MemoryMarshal.AsBytes(grid.AsSpan())) };

        Assert.Equal([0.5f, 0.25f, 0f, 1f], AttentionHeatmap.Values(map));
    }

    [Fact]
    public void RenderDrawsEachCellScaleByScalePixels()
    {
        Half[] grid = [(Half)0f, (Half)1f, (Half)0.5f, (Half)0.5f, (Half)0.5f, (Half)0.5f];
        var map = new ImageMap { GridRows = 2, GridCols = 3, ValuesF16 = ByteString.CopyFrom(MemoryMarshal.AsBytes(grid.AsSpan())) };

        var canvas = AttentionHeatmap.Render(map, scale: 2);

        Assert.Equal((6, 4), (canvas.Width, canvas.Height));
    }
}
