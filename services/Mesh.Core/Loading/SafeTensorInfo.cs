namespace Mesh.Core.Loading;

/// <summary>
/// One tensor's header entry. <see cref="Begin"/> and <see cref="End"/> are byte offsets into the data
/// section (which starts right after the header), end exclusive.
/// </summary>
public sealed record SafeTensorInfo(string Name, SafeTensorDType DType, long[] Shape, long Begin, long End)
{
    /// <summary>Product of the shape (1 for a scalar, 0 when any dimension is 0).</summary>
    // Computed, not stored, so that a `with { Shape = ... }` copy stays consistent.
    public long ElementCount => Product(Shape);

    /// <summary>Bytes per element.</summary>
    public int ElementSize => DType.ElementSize();

    /// <summary>Bytes of data, <c>End - Begin</c>.</summary>
    public long ByteLength => End - Begin;

    private static long Product(long[] shape)
    {
        long count = 1;
        foreach (var dim in shape)
        {
            count = checked(count * dim);
        }
        return count;
    }
}
