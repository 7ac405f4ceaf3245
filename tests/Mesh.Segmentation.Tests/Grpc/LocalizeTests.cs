using System.Runtime.InteropServices;
using Google.Protobuf;
using Grpc.Core;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Segmentation.V1;
using Mesh.TestKit;

namespace Mesh.Segmentation.Tests.Grpc;

/// <summary>Localize through gRPC on constructed maps: a 4x4 grid over a 64x64 mask (16 px cells), hot cell (1, 2).</summary>
public sealed class LocalizeTests(SegmentationHost host) : IClassFixture<SegmentationHost>
{
    static float[] HotCell()
    {
        var map = new float[16];
        map[1 * 4 + 2] = 1;
        return map;
    }

    static Tensor F32(float[] map, params long[] shape) =>
        new() { Dtype = DType.F32, Shape = { shape.Length == 0 ? [4, 4] : shape }, Data = ByteString.CopyFrom(MemoryMarshal.AsBytes(map.AsSpan())) };

    static Tensor F16(float[] map)
    {
        var half = map.Select(v => (Half)v).ToArray();
        return new Tensor { Dtype = DType.F16, Shape = { 4, 4 }, Data = ByteString.CopyFrom(MemoryMarshal.AsBytes(half.AsSpan())) };
    }

    // x in [x0, x1], y in [y0, y1] of 64x64 as row-major runs.
    static RleMask Box(int x0, int x1, int y0, int y1)
    {
        var mask = new RleMask { Height = 64, Width = 64 };
        int at = 0;
        for (int y = y0; y <= y1; y++)
        {
            int start = y * 64 + x0;
            mask.Counts.Add((uint)(start - at));
            mask.Counts.Add((uint)(x1 - x0 + 1));
            at = start + x1 - x0 + 1;
        }
        mask.Counts.Add((uint)(64 * 64 - at));
        return mask;
    }

    [Fact]
    public async Task APeakInsideTheMaskIsAHit()
    {
        var response = await host.Client.LocalizeAsync(new LocalizeRequest { AttentionMap = F32(HotCell()), Mask = Box(32, 47, 16, 31) });
        Assert.True(response.Hit);
        Assert.Equal((39, 23, 1, 2), (response.PeakX, response.PeakY, response.PeakRow, response.PeakCol));
        Assert.Equal((0.0, 0.0), (response.DistancePixels, response.TolerancePixels));
    }

    [Theory]
    [InlineData(7.0, true)]
    [InlineData(5.0, false)]
    public async Task APeakOutsideIsAHitOnlyWithinTheToleranceInPixels(double pixels, bool hit)
    {
        var response = await host.Client.LocalizeAsync(new LocalizeRequest
        {
            AttentionMap = F16(HotCell()), Mask = Box(45, 55, 20, 26), Tolerance = new Tolerance { Pixels = pixels },
        });
        Assert.Equal(6.0, response.DistancePixels, 12);
        Assert.Equal(hit, response.Hit);
    }

    [Fact]
    public async Task AToleranceInCellsIsReportedInPixels()
    {
        var response = await host.Client.LocalizeAsync(new LocalizeRequest
        {
            AttentionMap = F32(HotCell()), Mask = Box(45, 55, 20, 26), Tolerance = new Tolerance { Cells = 0.5 },
        });
        Assert.Equal(8.0, response.TolerancePixels, 12);
        Assert.True(response.Hit);
    }

    [Fact]
    public async Task AFarPeakIsAMiss()
    {
        var map = new float[16];
        map[15] = 1;
        var response = await host.Client.LocalizeAsync(new LocalizeRequest { AttentionMap = F32(map), Mask = Box(0, 10, 0, 10), Tolerance = new Tolerance { Cells = 1 } });
        Assert.False(response.Hit);
        Assert.Equal((3, 3), (response.PeakRow, response.PeakCol));
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { "shape", "a map is [rows, cols]" },
        { "dtype", "allowed: DTYPE_F32, DTYPE_F16" },
        { "data", "needs 64" },
        { "constant", "constant" },
        { "counts", "ends past" },
        { "short counts", "add up to 4000" },
        { "empty mask", "the mask is empty" },
        { "no mask", "no mask was sent" },
        { "tolerance", "finite distance of 0 or more" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public Task BadRequestsAreRefusedNamingTheField(string what, string message)
    {
        var request = new LocalizeRequest { AttentionMap = F32(HotCell()), Mask = Box(0, 10, 0, 10) };
        switch (what)
        {
            case "shape": request.AttentionMap = F32(HotCell(), 2, 4, 2); break;
            case "dtype": request.AttentionMap.Dtype = DType.Bf16; break;
            case "data": request.AttentionMap.Data = ByteString.CopyFrom(new byte[60]); break;
            case "constant": request.AttentionMap = F32(new float[16]); break;
            case "counts": request.Mask.Counts.Add(5); break;
            case "short counts": request.Mask = new RleMask { Height = 64, Width = 64, Counts = { 3990, 10 } }; break;
            case "empty mask": request.Mask = new RleMask { Height = 64, Width = 64, Counts = { 64 * 64 } }; break;
            case "no mask": request.Mask = null; break;
            case "tolerance": request.Tolerance = new Tolerance { Pixels = -3 }; break;
        }
        return RpcAssert.FailsAsync(StatusCode.InvalidArgument, message, () => host.Client.LocalizeAsync(request).ResponseAsync);
    }
}
