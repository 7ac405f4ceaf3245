using System.Runtime.InteropServices;

namespace Mesh.Core.Loading;

public sealed unsafe partial class SafeTensorsFile
{
    /// <summary>The header entry for <paramref name="name"/>.</summary>
    /// <exception cref="SafeTensorsException">The file holds no such tensor.</exception>
    public SafeTensorInfo Info(string name) =>
        Tensors.TryGetValue(name, out var info)
            ? info
            : throw new SafeTensorsException(Path, name, $"not found (the file holds {Tensors.Count} tensors)");

    /// <summary>
    /// The tensor's raw little-endian bytes, straight from the mapping (no copy). Valid until
    /// <see cref="Dispose"/>; a span holds at most 2 GiB, so larger tensors load through
    /// <see cref="Checkpoint.LoadTensor"/> only.
    /// </summary>
    public ReadOnlySpan<byte> GetBytes(string name)
    {
        var info = Info(name);
        if (info.ByteLength > Array.MaxLength)
        {
            throw new SafeTensorsException(Path, name, $"{info.ByteLength} bytes do not fit in one span; load it as a tensor");
        }
        return new ReadOnlySpan<byte>(Pointer(info), (int)info.ByteLength);
    }

    /// <summary>The values of an F32, F16 or BF16 tensor as floats, flattened row-major.</summary>
    public float[] ReadSingle(string name)
    {
        var info = Info(name);
        var bytes = GetBytes(name);
        var result = new float[info.ElementCount];
        switch (info.DType)
        {
            case SafeTensorDType.F32:
                bytes.CopyTo(MemoryMarshal.AsBytes(result.AsSpan()));
                break;
            case SafeTensorDType.F16:
                var halves = MemoryMarshal.Cast<byte, Half>(bytes);
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = (float)halves[i];
                }
                break;
            case SafeTensorDType.BF16:
                // bfloat16 is the top half of a float32: the same sign, exponent and leading mantissa bits.
                var bits = MemoryMarshal.Cast<byte, ushort>(bytes);
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = BitConverter.Int32BitsToSingle(bits[i] << 16);
                }
                break;
            default:
                throw WrongType(info, "F32, F16 or BF16");
        }
        return result;
    }

    /// <summary>The values of an integer tensor (I64, I32, I16, I8 or U8) widened to long, flattened row-major.</summary>
    public long[] ReadInt64(string name)
    {
        var info = Info(name);
        var bytes = GetBytes(name);
        var result = new long[info.ElementCount];
        switch (info.DType)
        {
            case SafeTensorDType.I64:
                bytes.CopyTo(MemoryMarshal.AsBytes(result.AsSpan()));
                break;
            case SafeTensorDType.I32:
                Widen(MemoryMarshal.Cast<byte, int>(bytes), result);
                break;
            case SafeTensorDType.I16:
                Widen(MemoryMarshal.Cast<byte, short>(bytes), result);
                break;
            case SafeTensorDType.I8:
                Widen(MemoryMarshal.Cast<byte, sbyte>(bytes), result);
                break;
            case SafeTensorDType.U8:
                Widen(bytes, result);
                break;
            default:
                throw WrongType(info, "I64, I32, I16, I8 or U8");
        }
        return result;
    }

    /// <summary>A copy of the tensor's raw bytes, whatever its dtype (for U8 and BOOL these are the values).</summary>
    public byte[] ReadBytes(string name) => GetBytes(name).ToArray();

    /// <summary>Where the tensor's bytes start in the mapping; the header check guarantees the whole range is mapped.</summary>
    internal byte* Pointer(SafeTensorInfo info)
    {
        ObjectDisposedException.ThrowIf(_data == null, this);
        return _data + info.Begin;
    }

    private static void Widen<T>(ReadOnlySpan<T> source, long[] destination) where T : unmanaged, System.Numerics.INumberBase<T>
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = long.CreateTruncating(source[i]);
        }
    }

    private SafeTensorsException WrongType(SafeTensorInfo info, string wanted) =>
        new(Path, info.Name, $"is {info.DType}; this read needs {wanted}");
}
