using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Mesh.Import.Onnx;

/// <summary>TorchSharp tensors and constants as ONNX <see cref="TensorProto"/>s (little-endian <c>raw_data</c>).</summary>
public static class OnnxTensors
{
    /// <summary>The TorchSharp element type that stores <paramref name="type"/>.</summary>
    public static ScalarType ScalarTypeOf(DataType type) => type switch
    {
        DataType.Float => ScalarType.Float32,
        DataType.Float16 => ScalarType.Float16,
        DataType.Int64 => ScalarType.Int64,
        _ => throw new NotSupportedException($"ONNX element type {type} is not written by Mesh; supported: FLOAT, FLOAT16, INT64"),
    };

    /// <summary><paramref name="value"/> (any device and dtype) converted to <paramref name="type"/>.</summary>
    public static TensorProto FromTorch(string name, Tensor value, DataType type)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw_data is little-endian");
        using var scope = NewDisposeScope();
        var converted = value.detach().to(ScalarTypeOf(type), CPU).contiguous();
        var proto = new TensorProto
        {
            Name = name,
            DataType = (int)type,
            RawData = UnsafeByteOperations.UnsafeWrap(converted.bytes.ToArray()),
        };
        proto.Dims.AddRange(value.shape);
        return proto;
    }

    /// <summary>A 1-D INT64 tensor (shapes, axes, slice bounds).</summary>
    public static TensorProto Int64s(string name, long[] values)
    {
        using var value = tensor(values);
        return FromTorch(name, value, DataType.Int64);
    }

    /// <summary>A scalar (rank 0) of float type <paramref name="type"/>.</summary>
    public static TensorProto Scalar(string name, float value, DataType type)
    {
        using var scalar = tensor(value);
        return FromTorch(name, scalar, type);
    }
}
