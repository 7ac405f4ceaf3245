using Mesh.Core.Interp;
using Mesh.Core.Interp.Contexts;
using static TorchSharp.torch;

namespace Mesh.Core.Tests.Interp.Contexts;

/// <summary>The binary context format: round trips per storage type and rejection of damaged data.</summary>
public sealed class ContextCodecTests
{
    static CompressedContext Sample(int layers = 3)
    {
        var random = new Random(3);
        var info = new ContextInfo("model-a", new string('a', 64), "describe the image", 0.25, RankingMethod.Norm, 12, 2, 10, [5, 6, 7]);
        var list = Enumerable.Range(0, layers).Select(l =>
        {
            long[] positions = [0, 1, 2 + l, 5, 10, 11];
            var values = Enumerable.Range(0, 2 * 6 * 8).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
            return new ContextLayer(positions, tensor(values, [1, 2, 6, 8]), tensor(values.Select(v => -v).ToArray(), [1, 2, 6, 8]));
        }).ToArray();
        return new CompressedContext(info, list);
    }

    static float MaxAbs(Tensor a, Tensor b) => (a - b).abs().max().item<float>();

    [Theory]
    [InlineData(ContextStorage.F32, 0.0)]
    [InlineData(ContextStorage.F16, 2.0 / 1024)]      // |x| <= 2, 11 significant bits
    [InlineData(ContextStorage.BF16, 2.0 / 128)]      // 8 significant bits
    [InlineData(ContextStorage.Int8, 2.0 / 127 / 2)]  // half a quantisation step at scale max|x| / 127
    public void EveryStorageTypeRoundTripsWithinItsPrecision(ContextStorage storage, double tolerance)
    {
        using var context = Sample();
        using var read = ContextCodec.Deserialize(ContextCodec.Serialize(context, storage));
        Assert.Equal(context.Info with { DescriptionTokens = [] }, read.Info with { DescriptionTokens = [] });
        Assert.Equal(context.Info.DescriptionTokens, read.Info.DescriptionTokens);
        for (int l = 0; l < 3; l++)
        {
            Assert.Equal(context.Layers[l].Positions, read.Layers[l].Positions);
            Assert.InRange(MaxAbs(context.Layers[l].Keys, read.Layers[l].Keys), 0, tolerance + 1e-7);
            Assert.InRange(MaxAbs(context.Layers[l].Values, read.Layers[l].Values), 0, tolerance + 1e-7);
        }
    }

    [Fact]
    public void SmallerStorageTypesGiveSmallerFiles()
    {
        using var context = Sample();
        var sizes = new[] { ContextStorage.F32, ContextStorage.F16, ContextStorage.BF16, ContextStorage.Int8 }
            .Select(s => ContextCodec.Serialize(context, s).Length).ToArray();
        Assert.True(sizes[0] > sizes[1] && sizes[1] == sizes[2] && sizes[2] > sizes[3], string.Join(", ", sizes));
    }

    [Fact]
    public void AnyFlippedByteIsRejectedWhole()
    {
        using var context = Sample();
        var data = ContextCodec.Serialize(context, ContextStorage.F16);
        foreach (int at in new[] { 0, 9, 20, data.Length / 2, data.Length - 40, data.Length - 1 })
        {
            var damaged = (byte[])data.Clone();
            damaged[at] ^= 0x10;
            Assert.Throws<ContextFormatException>(() => ContextCodec.Deserialize(damaged));
        }
    }

    [Fact]
    public void TruncatedDataIsRejected()
    {
        using var context = Sample();
        var data = ContextCodec.Serialize(context, ContextStorage.Int8);
        foreach (int length in new[] { 0, 10, 47, data.Length / 2, data.Length - 1 })
            Assert.Throws<ContextFormatException>(() => ContextCodec.Deserialize(data.AsSpan(0, length)));
    }

    [Fact]
    public void AnotherVersionIsRefusedByName()
    {
        using var context = Sample();
        var data = ContextCodec.Serialize(context, ContextStorage.F16);
        data[8] = 9;
        Assert.Contains("version 9", Assert.Throws<ContextFormatException>(() => ContextCodec.Deserialize(data)).Message);
    }
}
