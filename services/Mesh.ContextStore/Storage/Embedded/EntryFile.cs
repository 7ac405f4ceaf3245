using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using Google.Protobuf;
using Microsoft.Win32.SafeHandles;

namespace Mesh.ContextStore.Storage.Embedded;

/// <summary>
/// One entry's file. The blob comes first so that it streams to disk as it arrives; the header, known
/// only at commit, follows as a trailer (like a zip's central directory):
/// <code>
/// [blob: size_bytes][header: ContextEntry protobuf, n bytes][SHA-256 of header: 32][n: int32 LE][magic "MESHCTX1"]
/// </code>
/// The header carries the blob's SHA-256, checked on every read; its own digest guards the metadata.
/// </summary>
public static class EntryFile
{
    static ReadOnlySpan<byte> Magic => "MESHCTX1"u8;
    const int DigestBytes = 32;
    const int TailBytes = DigestBytes + sizeof(int) + 8;
    // Labels allow 64 x (256 + 4096) characters; a header is far below this.
    const int MaxHeaderBytes = 4 << 20;

    /// <summary>Appends the trailer for <paramref name="entry"/> after its blob.</summary>
    public static async ValueTask WriteTrailerAsync(Stream file, EntryInfo entry, CancellationToken cancellationToken)
    {
        byte[] header = entry.ToHeader().ToByteArray();
        var tail = new byte[TailBytes];
        SHA256.HashData(header, tail.AsSpan(0, DigestBytes));
        BinaryPrimitives.WriteInt32LittleEndian(tail.AsSpan(DigestBytes), header.Length);
        Magic.CopyTo(tail.AsSpan(DigestBytes + sizeof(int)));
        await file.WriteAsync(header, cancellationToken);
        await file.WriteAsync(tail, cancellationToken);
    }

    /// <summary>Reads and checks the trailer of an open file; <see cref="InvalidDataException"/> says what is wrong.</summary>
    public static EntryInfo ReadTrailer(SafeFileHandle file, ContextId expected, long accessStamp)
    {
        long length = RandomAccess.GetLength(file);
        if (length < TailBytes) throw new InvalidDataException($"the file is {length} bytes, shorter than its trailer");
        var tail = new byte[TailBytes];
        ReadExactly(file, tail, length - TailBytes);
        if (!tail.AsSpan(DigestBytes + sizeof(int)).SequenceEqual(Magic)) throw new InvalidDataException("the file does not end in MESHCTX1");
        int headerBytes = BinaryPrimitives.ReadInt32LittleEndian(tail.AsSpan(DigestBytes));
        if (headerBytes <= 0 || headerBytes > MaxHeaderBytes || headerBytes > length - TailBytes)
            throw new InvalidDataException($"the header length {headerBytes} does not fit the file");

        var header = new byte[headerBytes];
        long headerStart = length - TailBytes - headerBytes;
        ReadExactly(file, header, headerStart);
        if (!SHA256.HashData(header).AsSpan().SequenceEqual(tail.AsSpan(0, DigestBytes)))
            throw new InvalidDataException("the header fails its SHA-256");
        var entry = EntryInfo.FromHeader(header, accessStamp);
        if (entry.Id != expected) throw new InvalidDataException($"the header names context {entry.Id}, not the file's {expected}");
        if (entry.SizeBytes != headerStart)
            throw new InvalidDataException($"the header says {entry.SizeBytes} bytes but the file holds {headerStart}");
        return entry;
    }

    /// <summary>Hashes the blob of an open file and compares with its header; <see cref="InvalidDataException"/> when they differ.</summary>
    public static async Task VerifyBlobAsync(SafeFileHandle file, EntryInfo entry, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            for (long offset = 0; offset < entry.SizeBytes;)
            {
                int count = (int)Math.Min(buffer.Length, entry.SizeBytes - offset);
                await ReadExactlyAsync(file, buffer.AsMemory(0, count), offset, cancellationToken);
                hash.AppendData(buffer, 0, count);
                offset += count;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        string actual = Sha256Hex.Finish(hash);
        if (actual != entry.Sha256) throw new InvalidDataException($"the blob's SHA-256 is {actual}, not the stored {entry.Sha256}");
    }

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/>; a short file is corrupt.</summary>
    public static async ValueTask ReadExactlyAsync(SafeFileHandle file, Memory<byte> buffer, long offset, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            int read = await RandomAccess.ReadAsync(file, buffer, offset, cancellationToken);
            if (read == 0) throw new InvalidDataException($"the file ends early, at byte {offset}");
            buffer = buffer[read..];
            offset += read;
        }
    }

    static void ReadExactly(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            int read = RandomAccess.Read(file, buffer, offset);
            if (read == 0) throw new InvalidDataException($"the file ends early, at byte {offset}");
            buffer = buffer[read..];
            offset += read;
        }
    }
}
