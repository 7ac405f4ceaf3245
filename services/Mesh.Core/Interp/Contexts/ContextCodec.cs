using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace Mesh.Core.Interp.Contexts;

/// <summary>
/// The versioned binary form of a <see cref="CompressedContext"/>:
/// <c>"MESHCTX\0"</c> | u16 version | u16 storage | u32 header length | header JSON | per layer K then V | SHA-256 of all before it.
/// A K/V block is [kv_heads, n, head_dim] little-endian in the storage type; Int8 blocks start with F32 scales
/// [kv_heads, head_dim] (max |x| over the layer's slots / 127). Reading checks the checksum before parsing, so
/// corrupt or truncated data is rejected whole, never half-loaded.
/// </summary>
public static class ContextCodec
{
    public const ushort Version = 1;
    static readonly byte[] Magic = "MESHCTX\0"u8.ToArray();
    const int PreambleBytes = 16, ChecksumBytes = 32;

    public static byte[] Serialize(CompressedContext context, ContextStorage storage)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(ContextHeader.Of(context, storage));
        using var output = new MemoryStream();
        var preamble = new byte[PreambleBytes];
        Magic.CopyTo(preamble, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(preamble.AsSpan(8), Version);
        BinaryPrimitives.WriteUInt16LittleEndian(preamble.AsSpan(10), (ushort)storage);
        BinaryPrimitives.WriteUInt32LittleEndian(preamble.AsSpan(12), (uint)header.Length);
        output.Write(preamble);
        output.Write(header);
        foreach (var layer in context.Layers)
        {
            WriteBlock(output, layer.Keys, storage);
            WriteBlock(output, layer.Values, storage);
        }
        output.Write(SHA256.HashData(output.GetBuffer().AsSpan(0, (int)output.Length)));
        return output.ToArray();
    }

    /// <summary>Reads a context onto the CPU as F32; throws <see cref="ContextFormatException"/> for anything but an intact context.</summary>
    public static CompressedContext Deserialize(ReadOnlySpan<byte> data)
    {
        if (data.Length < PreambleBytes + ChecksumBytes) throw new ContextFormatException($"{data.Length} bytes is too short for a context");
        if (!data[..8].SequenceEqual(Magic)) throw new ContextFormatException("not a Mesh context (bad magic)");
        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(data[8..]);
        if (version != Version) throw new ContextFormatException($"context format version {version} is not supported (this build reads {Version})");
        var body = data[..^ChecksumBytes];
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(data[^ChecksumBytes..]))
            throw new ContextFormatException("context checksum mismatch: the data is corrupt or truncated");

        uint headerLength = BinaryPrimitives.ReadUInt32LittleEndian(data[12..]);
        if (headerLength > body.Length - PreambleBytes) throw new ContextFormatException("header length runs past the data");
        var header = ParseHeader(body.Slice(PreambleBytes, (int)headerLength));
        if ((ushort)header.Storage != BinaryPrimitives.ReadUInt16LittleEndian(data[10..]))
            throw new ContextFormatException("storage type in the preamble and the header disagree");
        var payload = body[(PreambleBytes + (int)headerLength)..];
        long expected = header.Positions.Sum(p => 2 * header.BlockBytes(p.Length));
        if (payload.Length != expected) throw new ContextFormatException($"payload is {payload.Length} bytes, the header describes {expected}");

        var layers = new List<ContextLayer>();
        try
        {
            int at = 0;
            foreach (var positions in header.Positions)
            {
                int block = (int)header.BlockBytes(positions.Length);
                var keys = ReadBlock(payload.Slice(at, block), header, positions.Length);
                var values = ReadBlock(payload.Slice(at + block, block), header, positions.Length);
                layers.Add(new ContextLayer(positions, keys, values));
                at += 2 * block;
            }
            return new CompressedContext(header.Info, layers);
        }
        catch
        {
            foreach (var layer in layers) { layer.Keys.Dispose(); layer.Values.Dispose(); }
            throw;
        }
    }

    static ContextHeader ParseHeader(ReadOnlySpan<byte> json)
    {
        try
        {
            var header = JsonSerializer.Deserialize<ContextHeader>(json) ?? throw new ContextFormatException("empty context header");
            header.Check();
            return header;
        }
        catch (JsonException e)
        {
            throw new ContextFormatException($"context header is not valid JSON: {e.Message}");
        }
    }

    static void WriteBlock(Stream output, Tensor block, ContextStorage storage)
    {
        using var scope = NewDisposeScope();
        var x = block.squeeze(0).to(float32).cpu();                                // [KvH, n, D]
        switch (storage)
        {
            case ContextStorage.Int8:
                var scales = x.abs().amax([1], keepdim: true).clamp_min(1e-12) / 127.0; // [KvH, 1, D]
                output.Write(scales.contiguous().bytes);
                output.Write((x / scales).round().clamp(-127, 127).to(int8).contiguous().bytes);
                break;
            default:
                output.Write(x.to(DType(storage)).contiguous().bytes);
                break;
        }
    }

    static Tensor ReadBlock(ReadOnlySpan<byte> bytes, ContextHeader header, int slots)
    {
        using var scope = NewDisposeScope();
        long kvH = header.KvHeads, d = header.HeadDim;
        Tensor x;
        if (header.Storage == ContextStorage.Int8)
        {
            int scaleBytes = (int)(4 * kvH * d);
            var scales = empty([kvH, 1, d], float32);
            bytes[..scaleBytes].CopyTo(scales.bytes);
            var q = empty([kvH, slots, d], int8);
            bytes[scaleBytes..].CopyTo(q.bytes);
            x = q.to(float32) * scales;                                             // [KvH, n, D]
        }
        else
        {
            var stored = empty([kvH, slots, d], DType(header.Storage));
            bytes.CopyTo(stored.bytes);
            x = stored.to(float32);
        }
        return x.unsqueeze(0).DetachFromDisposeScope();                            // [1, KvH, n, D]
    }

    static ScalarType DType(ContextStorage storage) => storage switch
    {
        ContextStorage.F32 => float32,
        ContextStorage.F16 => float16,
        ContextStorage.BF16 => bfloat16,
        _ => throw new ArgumentOutOfRangeException(nameof(storage), storage, "not a floating storage type"),
    };
}
