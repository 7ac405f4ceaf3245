using System.Buffers.Binary;
using System.Text;
using Mesh.Core.Loading;
using TorchSharp;

namespace Mesh.Core.Tests.Loading;

public class SafeTensorsWriterTests
{
    [Fact]
    public void RawTensorsRoundTripWithExactValues()
    {
        using var dir = new TempDirectory();
        var path = dir.File("round.safetensors");
        float[] f32 = [1.5f, -2f, float.Epsilon, float.MaxValue, -0f, 3.14159274f];
        // F16 bits of 1.5, -2, 65504 (largest half), 2^-24 (smallest subnormal half).
        ushort[] f16 = [0x3E00, 0xC000, 0x7BFF, 0x0001];
        // BF16 bits of 1.5, -2, 1, and 3.140625 (pi rounded to bf16).
        ushort[] bf16 = [0x3FC0, 0xC000, 0x3F80, 0x4049];
        long[] i64 = [long.MinValue, -1, 0, 1, long.MaxValue];
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcode \"quoted\"" };

        SafeTensorsWriter.Write(path,
        [
            ("f32", SafeTensorDType.F32, [2, 3], Bytes(f32)),
            ("f16", SafeTensorDType.F16, [4], Bytes(f16)),
            ("bf16", SafeTensorDType.BF16, [2, 2], Bytes(bf16)),
            ("i64", SafeTensorDType.I64, [5], Bytes(i64)),
            ("u8", SafeTensorDType.U8, [3], [0, 7, 255]),
            ("scalar", SafeTensorDType.F32, [], Bytes([42f])),
            ("empty", SafeTensorDType.F16, [0, 4], []),
        ], metadata);

        using var file = SafeTensorsFile.Open(path);
        Assert.Equal(7, file.Tensors.Count);
        Assert.Equal(metadata, file.Metadata);
        Assert.Equal(f32, file.ReadSingle("f32"));
        Assert.Equal(new[] { 1.5f, -2f, 65504f, MathF.Pow(2, -24) }, file.ReadSingle("f16"));
        Assert.Equal(new[] { 1.5f, -2f, 1f, 3.140625f }, file.ReadSingle("bf16"));
        Assert.Equal(i64, file.ReadInt64("i64"));
        Assert.Equal(new byte[] { 0, 7, 255 }, file.ReadBytes("u8"));
        Assert.Equal(new[] { 42f }, file.ReadSingle("scalar"));
        Assert.Empty(file.Tensors["scalar"].Shape);
        Assert.Equal(0, file.Tensors["empty"].ElementCount);
        Assert.Empty(file.ReadSingle("empty"));
        Assert.Equal(new long[] { 2, 2 }, file.Tensors["bf16"].Shape);
        Assert.Equal(Bytes(bf16), file.GetBytes("bf16").ToArray());
    }

    [Fact]
    public void TheHeaderIsPaddedWithSpacesAndEveryTensorIsAligned()
    {
        using var dir = new TempDirectory();
        var path = dir.File("aligned.safetensors");
        SafeTensorsWriter.Write(path,
        [
            ("odd_u8", SafeTensorDType.U8, [3], [1, 2, 3]),
            ("odd_f16", SafeTensorDType.F16, [1], [0, 0x3C]),
            ("f32", SafeTensorDType.F32, [1], Bytes([1f])),
            ("i64", SafeTensorDType.I64, [1], Bytes([5L])),
        ]);

        var bytes = File.ReadAllBytes(path);
        var headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, headerLength % 8);
        var header = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);
        Assert.StartsWith("{", header);
        Assert.Matches("} *$", header);
        Assert.DoesNotContain("__metadata__", header);

        using var file = SafeTensorsFile.Open(path);
        Assert.All(file.Tensors.Values, info => Assert.Equal(0, (8 + headerLength + info.Begin) % info.ElementSize));
        Assert.Equal(1f, file.ReadSingle("odd_f16")[0]);
        Assert.Equal(new long[] { 1, 2, 3 }, file.ReadInt64("odd_u8"));
    }

    [Fact]
    public void TorchTensorsAreWrittenWithTheirOwnDTypeInLogicalOrder()
    {
        using var dir = new TempDirectory();
        var path = dir.File("torch.safetensors");
        using var source = torch.tensor(new[] { 1.5f, -2f, 0.25f, 8f, 3f, -0.5f }, new long[] { 2, 3 });
        using var bf16 = source.to_type(torch.ScalarType.BFloat16);
        using var transposed = source.t(); // [3, 2], not contiguous
        using var mask = torch.tensor(new[] { true, false, true });

        SafeTensorsWriter.Write(path, [("bf16", bf16), ("transposed", transposed), ("mask", mask)],
            new Dictionary<string, string> { ["format"] = "pt" });

        using var file = SafeTensorsFile.Open(path);
        Assert.Equal(SafeTensorDType.BF16, file.Tensors["bf16"].DType);
        Assert.Equal(new long[] { 2, 3 }, file.Tensors["bf16"].Shape);
        Assert.Equal(new[] { 1.5f, -2f, 0.25f, 8f, 3f, -0.5f }, file.ReadSingle("bf16"));
        Assert.Equal(new long[] { 3, 2 }, file.Tensors["transposed"].Shape);
        Assert.Equal(new[] { 1.5f, 8f, -2f, 3f, 0.25f, -0.5f }, file.ReadSingle("transposed"));
        Assert.Equal(SafeTensorDType.BOOL, file.Tensors["mask"].DType);
        Assert.Equal(new byte[] { 1, 0, 1 }, file.ReadBytes("mask"));
        // The caller's tensors are untouched and still alive.
        Assert.False(transposed.is_contiguous());
        Assert.Equal(8f, source[1, 0].item<float>());
    }

    [Fact]
    public void WritingReplacesAnExistingFileAndLeavesNoTemporaries()
    {
        using var dir = new TempDirectory();
        var path = dir.File("model.safetensors");
        SafeTensorsWriter.Write(path, [("a", SafeTensorDType.F32, [1], Bytes([1f]))]);
        SafeTensorsWriter.Write(path, [("b", SafeTensorDType.F32, [1], Bytes([2f]))]);

        using var file = SafeTensorsFile.Open(path);
        Assert.Equal(["b"], file.Tensors.Keys);
        Assert.Equal(["model.safetensors"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void InconsistentInputIsRefusedBeforeAnythingIsWritten()
    {
        using var dir = new TempDirectory();
        var path = dir.File("refused.safetensors");

        var length = Assert.Throws<ArgumentException>(() =>
            SafeTensorsWriter.Write(path, [("a", SafeTensorDType.F32, [2], new byte[4])]));
        Assert.Contains("'a'", length.Message);
        Assert.Throws<ArgumentException>(() => SafeTensorsWriter.Write(path,
            [("a", SafeTensorDType.U8, [1], new byte[1]), ("a", SafeTensorDType.U8, [1], new byte[1])]));
        Assert.Throws<ArgumentException>(() =>
            SafeTensorsWriter.Write(path, [("__metadata__", SafeTensorDType.U8, [1], new byte[1])]));
        using var complex = torch.zeros(2, dtype: torch.ScalarType.ComplexFloat32);
        Assert.Throws<ArgumentException>(() => SafeTensorsWriter.Write(path, [("c", complex)]));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    private static byte[] Bytes<T>(T[] values) where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}
