using TorchSharp;

namespace Mesh.Core.Loading;

/// <summary>Bulk copies between raw memory and contiguous CPU tensors, without per-element managed loops.</summary>
public static unsafe class TensorBytes
{
    /// <summary>
    /// Largest slice moved at once. TorchSharp's <c>Tensor.bytes</c> is a span, so it cannot cover more than
    /// 2 GiB; bigger tensors go over as flat slices of this size.
    /// </summary>
    public const long DefaultChunkBytes = 1L << 30;

    /// <summary>Copies <paramref name="length"/> bytes at <paramref name="source"/> into a contiguous CPU tensor of exactly that size.</summary>
    public static void CopyInto(nint source, long length, torch.Tensor destination, long chunkBytes = DefaultChunkBytes)
    {
        CheckSize(destination, length);
        ForEachSlice(destination, chunkBytes, (slice, offset) =>
        {
            var target = slice.bytes;
            new ReadOnlySpan<byte>((byte*)source + offset, target.Length).CopyTo(target);
        });
    }

    /// <summary>Writes a contiguous CPU tensor's bytes to <paramref name="stream"/>.</summary>
    public static void CopyTo(torch.Tensor source, Stream stream, long chunkBytes = DefaultChunkBytes) =>
        ForEachSlice(source, chunkBytes, (slice, _) => stream.Write(slice.bytes));

    /// <summary>Calls <paramref name="action"/> on flat slices of at most <paramref name="chunkBytes"/>, with each slice's byte offset.</summary>
    private static void ForEachSlice(torch.Tensor tensor, long chunkBytes, Action<torch.Tensor, long> action)
    {
        var count = tensor.NumberOfElements;
        if (count == 0)
        {
            return;
        }
        var elementSize = tensor.ElementSize;
        var chunkElements = Math.Max(1, chunkBytes / elementSize);
        using var flat = tensor.view(-1); // [count], shares storage
        for (long first = 0; first < count; first += chunkElements)
        {
            using var slice = flat.narrow(0, first, Math.Min(chunkElements, count - first));
            action(slice, first * elementSize);
        }
    }

    private static void CheckSize(torch.Tensor tensor, long length)
    {
        if (tensor.device_type != DeviceType.CPU || !tensor.is_contiguous() || tensor.NumberOfElements * tensor.ElementSize != length)
        {
            throw new ArgumentException($"expected a contiguous CPU tensor of {length} bytes", nameof(tensor));
        }
    }
}
