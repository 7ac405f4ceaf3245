using System.Buffers.Binary;
using System.Text.Json;
using TorchSharp;

namespace Mesh.Core.Loading;

/// <summary>
/// Writes .safetensors files: an 8-byte little-endian header length, the JSON header padded with spaces to a
/// multiple of 8, then the tensors' little-endian bytes. The file appears whole or not at all (written
/// beside the target, then moved over it).
/// </summary>
public static class SafeTensorsWriter
{
    /// <summary>Writes raw tensors; each <c>Data</c> must hold exactly the bytes that <c>DType</c> and <c>Shape</c> need.</summary>
    public static void Write(string path,
        IEnumerable<(string Name, SafeTensorDType DType, long[] Shape, byte[] Data)> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        var entries = tensors
            .Select(t => new Entry(t.Name, t.DType, t.Shape, t.Data.LongLength, stream => stream.Write(t.Data)))
            .ToList();
        WriteEntries(path, entries, metadata);
    }

    /// <summary>Writes TorchSharp tensors (any device, any layout), each with its own dtype.</summary>
    public static void Write(string path,
        IEnumerable<(string Name, torch.Tensor Tensor)> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        var entries = tensors.Select(t =>
        {
            if (!SafeTensorDTypes.TryFromScalarType(t.Tensor.dtype, out var dtype))
            {
                throw new ArgumentException($"tensor '{t.Name}' is {t.Tensor.dtype}, which safetensors cannot store", nameof(tensors));
            }
            return new Entry(t.Name, dtype, t.Tensor.shape, t.Tensor.NumberOfElements * t.Tensor.ElementSize,
                stream => WriteTensor(t.Tensor, stream));
        }).ToList();
        WriteEntries(path, entries, metadata);
    }

    /// <summary>
    /// Writes tensors whose bytes are produced one at a time while the file is written, so a large checkpoint
    /// never sits in memory whole. Each <c>WriteData</c> must write exactly the bytes of its dtype and shape.
    /// </summary>
    public static void Write(string path, IEnumerable<SafeTensorSource> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var entries = tensors
            .Select(t => new Entry(t.Name, t.DType, t.Shape, t.Shape.Aggregate(1L, (n, d) => n * d) * t.DType.ElementSize(), t.WriteData))
            .ToList();
        WriteEntries(path, entries, metadata);
    }

    private sealed record Entry(string Name, SafeTensorDType DType, long[] Shape, long ByteLength, Action<Stream> WriteData);

    private static void WriteEntries(string path, List<Entry> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        Validate(entries);
        // Largest elements first: with the data section 8-aligned, every tensor then starts aligned to its element size.
        var ordered = entries.OrderByDescending(e => e.DType.ElementSize()).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
        var header = Header(ordered, metadata);

        var fullPath = Path.GetFullPath(path);
        var temporary = $"{fullPath}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                Span<byte> length = stackalloc byte[sizeof(ulong)];
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
                stream.Write(length);
                stream.Write(header);
                foreach (var entry in ordered)
                {
                    var before = stream.Position;
                    entry.WriteData(stream);
                    if (stream.Position - before != entry.ByteLength)
                    {
                        throw new InvalidOperationException($"tensor '{entry.Name}' wrote {stream.Position - before} bytes, not {entry.ByteLength}");
                    }
                }
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
            throw;
        }
    }

    private static void Validate(List<Entry> entries)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Name.Length == 0 || entry.Name == SafeTensorsHeader.MetadataKey)
            {
                throw new ArgumentException($"'{entry.Name}' cannot name a tensor");
            }
            if (!names.Add(entry.Name))
            {
                throw new ArgumentException($"tensor '{entry.Name}' is given twice");
            }
            if (entry.Shape.Any(dim => dim < 0))
            {
                throw new ArgumentException($"tensor '{entry.Name}' has a negative dimension in [{string.Join(", ", entry.Shape)}]");
            }
            var expected = checked(entry.Shape.Aggregate(1L, (count, dim) => count * dim) * entry.DType.ElementSize());
            if (entry.ByteLength != expected)
            {
                throw new ArgumentException(
                    $"tensor '{entry.Name}' has {entry.ByteLength} bytes, but {entry.DType} [{string.Join(", ", entry.Shape)}] needs {expected}");
            }
        }
    }

    /// <summary>The JSON header, padded with spaces so that the data section starts 8-aligned.</summary>
    private static byte[] Header(List<Entry> ordered, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(SafeTensorsHeader.MetadataKey);
                foreach (var (key, value) in metadata)
                {
                    json.WriteString(key, value);
                }
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var entry in ordered)
            {
                json.WriteStartObject(entry.Name);
                json.WriteString("dtype", entry.DType.HeaderName());
                json.WriteStartArray("shape");
                foreach (var dim in entry.Shape)
                {
                    json.WriteNumberValue(dim);
                }
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset += entry.ByteLength);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        while (buffer.Length % 8 != 0)
        {
            buffer.WriteByte((byte)' ');
        }
        return buffer.ToArray();
    }

    private static void WriteTensor(torch.Tensor tensor, Stream stream)
    {
        // Copies only when needed; never dispose the caller's own tensor.
        var cpu = tensor.device_type == DeviceType.CPU ? tensor : tensor.cpu();
        var contiguous = cpu.is_contiguous() ? cpu : cpu.contiguous();
        try
        {
            TensorBytes.CopyTo(contiguous, stream);
        }
        finally
        {
            if (!ReferenceEquals(contiguous, tensor))
            {
                contiguous.Dispose();
            }
            if (!ReferenceEquals(cpu, tensor) && !ReferenceEquals(cpu, contiguous))
            {
                cpu.Dispose();
            }
        }
    }
}

/// <summary>A tensor for <see cref="SafeTensorsWriter"/> whose little-endian bytes <paramref name="WriteData"/> writes when its turn comes.</summary>
public sealed record SafeTensorSource(string Name, SafeTensorDType DType, long[] Shape, Action<Stream> WriteData);
