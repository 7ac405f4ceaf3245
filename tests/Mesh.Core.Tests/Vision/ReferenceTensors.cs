using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Mesh.Core.Tests.Vision;

/// <summary>
/// Minimal safetensors reader for the reference fixtures (F32 only): 8-byte LE header length,
/// JSON header {name: {dtype, shape, data_offsets}}, then raw LE data. Test-only stand-in for the real loader.
/// </summary>
internal static class ReferenceTensors
{
    public static float[] ReadF32(string file, string name)
    {
        var bytes = File.ReadAllBytes(file);
        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
        var entry = header.RootElement.GetProperty(name);
        Assert.Equal("F32", entry.GetProperty("dtype").GetString());
        var offsets = entry.GetProperty("data_offsets");
        int begin = (int)(8 + headerLength + offsets[0].GetInt64()), end = (int)(8 + headerLength + offsets[1].GetInt64());
        return MemoryMarshal.Cast<byte, float>(bytes.AsSpan(begin, end - begin)).ToArray(); // x64 is little-endian
    }

    public static float MaxAbsDiff(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        float max = 0;
        for (int i = 0; i < a.Length; i++)
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }
}
