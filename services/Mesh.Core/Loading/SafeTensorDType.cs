using TorchSharp;

namespace Mesh.Core.Loading;

/// <summary>Element types of the safetensors format, named as the header spells them ("F32", "BF16", ...).</summary>
public enum SafeTensorDType
{
    F64,
    F32,
    F16,
    BF16,
    I64,
    I32,
    I16,
    I8,
    U8,
    BOOL,
}

/// <summary>Sizes, header names and TorchSharp equivalents of <see cref="SafeTensorDType"/>.</summary>
public static class SafeTensorDTypes
{
    /// <summary>Bytes per element.</summary>
    public static int ElementSize(this SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.F64 or SafeTensorDType.I64 => 8,
        SafeTensorDType.F32 or SafeTensorDType.I32 => 4,
        SafeTensorDType.F16 or SafeTensorDType.BF16 or SafeTensorDType.I16 => 2,
        SafeTensorDType.I8 or SafeTensorDType.U8 or SafeTensorDType.BOOL => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    /// <summary>The dtype for a header string, or false when the string names no dtype this reader knows.</summary>
    public static bool TryParse(string text, out SafeTensorDType dtype)
    {
        // An explicit table: Enum.TryParse would also accept "1", " F32" and "F32, I64".
        SafeTensorDType? found = text switch
        {
            "F64" => SafeTensorDType.F64,
            "F32" => SafeTensorDType.F32,
            "F16" => SafeTensorDType.F16,
            "BF16" => SafeTensorDType.BF16,
            "I64" => SafeTensorDType.I64,
            "I32" => SafeTensorDType.I32,
            "I16" => SafeTensorDType.I16,
            "I8" => SafeTensorDType.I8,
            "U8" => SafeTensorDType.U8,
            "BOOL" => SafeTensorDType.BOOL,
            _ => null,
        };
        dtype = found.GetValueOrDefault();
        return found.HasValue;
    }

    /// <summary>The name written in a header ("F32", "BF16", ...).</summary>
    public static string HeaderName(this SafeTensorDType dtype) => dtype.ToString();

    /// <summary>The TorchSharp element type that stores this dtype bit for bit.</summary>
    public static torch.ScalarType ToScalarType(this SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.F64 => torch.ScalarType.Float64,
        SafeTensorDType.F32 => torch.ScalarType.Float32,
        SafeTensorDType.F16 => torch.ScalarType.Float16,
        SafeTensorDType.BF16 => torch.ScalarType.BFloat16,
        SafeTensorDType.I64 => torch.ScalarType.Int64,
        SafeTensorDType.I32 => torch.ScalarType.Int32,
        SafeTensorDType.I16 => torch.ScalarType.Int16,
        SafeTensorDType.I8 => torch.ScalarType.Int8,
        SafeTensorDType.U8 => torch.ScalarType.Byte,
        SafeTensorDType.BOOL => torch.ScalarType.Bool,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    /// <summary>The safetensors dtype for a TorchSharp element type; false for types the format lacks (complex, ...).</summary>
    public static bool TryFromScalarType(torch.ScalarType type, out SafeTensorDType dtype)
    {
        SafeTensorDType? found = type switch
        {
            torch.ScalarType.Float64 => SafeTensorDType.F64,
            torch.ScalarType.Float32 => SafeTensorDType.F32,
            torch.ScalarType.Float16 => SafeTensorDType.F16,
            torch.ScalarType.BFloat16 => SafeTensorDType.BF16,
            torch.ScalarType.Int64 => SafeTensorDType.I64,
            torch.ScalarType.Int32 => SafeTensorDType.I32,
            torch.ScalarType.Int16 => SafeTensorDType.I16,
            torch.ScalarType.Int8 => SafeTensorDType.I8,
            torch.ScalarType.Byte => SafeTensorDType.U8,
            torch.ScalarType.Bool => SafeTensorDType.BOOL,
            _ => null,
        };
        dtype = found.GetValueOrDefault();
        return found.HasValue;
    }
}
