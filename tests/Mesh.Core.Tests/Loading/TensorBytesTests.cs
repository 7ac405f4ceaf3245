using System.Runtime.InteropServices;
using Mesh.Core.Loading;
using TorchSharp;

namespace Mesh.Core.Tests.Loading;

public class TensorBytesTests
{
    [Theory]
    [InlineData(1L << 30)] // one slice
    [InlineData(12L)]      // three elements a slice: the path that tensors over 1 GiB take
    [InlineData(1L)]       // less than one element: still whole elements
    public void CopyIntoFillsTheTensorSliceBySlice(long chunkBytes)
    {
        var values = Enumerable.Range(0, 10).Select(i => i * 1.25f).ToArray();
        var bytes = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        using var tensor = torch.empty([2, 5], torch.ScalarType.Float32);

        var pinned = GCHandle.Alloc(bytes, GCHandleType.Pinned);
        try
        {
            TensorBytes.CopyInto(pinned.AddrOfPinnedObject(), bytes.Length, tensor, chunkBytes);
        }
        finally
        {
            pinned.Free();
        }

        Assert.Equal(values, tensor.data<float>().ToArray());
    }

    [Theory]
    [InlineData(1L << 30)]
    [InlineData(6L)]
    public void CopyToStreamsTheTensorSliceBySlice(long chunkBytes)
    {
        using var tensor = torch.arange(7, dtype: torch.ScalarType.Int16);
        using var stream = new MemoryStream();

        TensorBytes.CopyTo(tensor, stream, chunkBytes);

        Assert.Equal(new short[] { 0, 1, 2, 3, 4, 5, 6 },
            MemoryMarshal.Cast<byte, short>(stream.ToArray()).ToArray());
    }

    [Fact]
    public void CopyIntoRefusesATensorOfAnotherSize()
    {
        using var tensor = torch.empty([3], torch.ScalarType.Float32);

        // The size is checked before the source is touched.
        Assert.Throws<ArgumentException>(() => TensorBytes.CopyInto(nint.Zero, 8, tensor));
    }
}
