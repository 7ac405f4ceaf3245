using Google.Protobuf;
using Grpc.Core;

namespace Mesh.Clients.Streaming;

/// <summary>
/// Writes and reads "header, then byte chunks" streams (<see cref="ChunkFraming{TMessage, THeader}"/>), on either side of
/// a call. Writers send the header, then slices of at most the chunk size, none empty; readers
/// (<see cref="ChunkedReader{TMessage, THeader}"/>) check the framing and the length the header states.
/// </summary>
public static class ChunkedStream
{
    /// <summary>Writes <paramref name="header"/>, then <paramref name="payload"/> in slices of <paramref name="chunkBytes"/> (not copied).</summary>
    public static async Task WriteAsync<TMessage, THeader>(this IAsyncStreamWriter<TMessage> stream, ChunkFraming<TMessage, THeader> framing,
        THeader header, ReadOnlyMemory<byte> payload, int chunkBytes, CancellationToken cancellationToken)
        where TMessage : class where THeader : class
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        await stream.WriteAsync(framing.Header(header), cancellationToken);
        for (int offset = 0; offset < payload.Length; offset += chunkBytes)
        {
            var slice = payload.Slice(offset, Math.Min(chunkBytes, payload.Length - offset));
            await stream.WriteAsync(framing.Data(UnsafeByteOperations.UnsafeWrap(slice)), cancellationToken);
        }
    }

    /// <summary>
    /// Writes <paramref name="header"/>, then <paramref name="size"/> bytes that <paramref name="read"/> fills from an offset,
    /// one chunk of at most <paramref name="chunkBytes"/> at a time (for payloads not held in memory).
    /// </summary>
    public static async Task WriteAsync<TMessage, THeader>(this IAsyncStreamWriter<TMessage> stream, ChunkFraming<TMessage, THeader> framing,
        THeader header, long size, Func<long, Memory<byte>, CancellationToken, ValueTask> read, int chunkBytes, CancellationToken cancellationToken)
        where TMessage : class where THeader : class
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        await stream.WriteAsync(framing.Header(header), cancellationToken);
        var buffer = new byte[(int)Math.Min(chunkBytes, size)];
        for (long offset = 0; offset < size; offset += buffer.Length)
        {
            int count = (int)Math.Min(buffer.Length, size - offset);
            await read(offset, buffer.AsMemory(0, count), cancellationToken);
            await stream.WriteAsync(framing.Data(ByteString.CopyFrom(buffer, 0, count)), cancellationToken);
        }
    }

    /// <summary>A reader of <paramref name="stream"/>; <paramref name="violation"/> makes its errors (default: <see cref="InvalidDataException"/>).</summary>
    public static ChunkedReader<TMessage, THeader> Chunked<TMessage, THeader>(this IAsyncStreamReader<TMessage> stream,
        ChunkFraming<TMessage, THeader> framing, FramingViolation? violation = null)
        where TMessage : class where THeader : class =>
        new(stream, framing, violation ?? ((_, message) => new InvalidDataException(message)));
}
