using System.Runtime.CompilerServices;
using Grpc.Core;

namespace Mesh.Clients.Streaming;

/// <summary>
/// The error for a stream that breaks its framing, naming the message <paramref name="field"/> at fault (<c>header</c> or
/// <c>data</c>): a server reading a request stream answers INVALID_ARGUMENT (<c>RpcErrors.InvalidArgumentException</c>),
/// a client reading a server's stream throws <see cref="InvalidDataException"/>.
/// </summary>
public delegate Exception FramingViolation(string field, string message);

/// <summary>Reads a "header, then byte chunks" stream, checking its framing and the length its header states.</summary>
public sealed class ChunkedReader<TMessage, THeader>(IAsyncStreamReader<TMessage> stream, ChunkFraming<TMessage, THeader> framing,
                                                     FramingViolation violation)
    where TMessage : class where THeader : class
{
    /// <summary>Reads the first message, which must be the header.</summary>
    public async Task<THeader> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        if (await stream.MoveNext(cancellationToken) && framing.HeaderOf(stream.Current) is { } header) return header;
        throw violation("header",
            $"The {framing.Stream} stream did not start with its {framing.HeaderName}: the header is missing " +
            $"(the stream is one {framing.HeaderName}, then the payload's bytes as data chunks).");
    }

    /// <summary>
    /// Reads the chunks after the header, each at most <paramref name="maxChunkBytes"/> (<paramref name="chunkLimit"/> names
    /// that limit in the message), until the stream ends; they must add up to <paramref name="expectedBytes"/> exactly.
    /// </summary>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadChunksAsync(long expectedBytes, int maxChunkBytes = int.MaxValue,
        string chunkLimit = "the chunk size", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long received = 0;
        while (await stream.MoveNext(cancellationToken))
        {
            if (framing.DataOf(stream.Current) is not { } chunk)
                throw violation("header",
                    $"The {framing.Stream} stream sent a second {framing.HeaderName}; only the first message is a header, every later one is a data chunk.");
            if (chunk.Length > maxChunkBytes)
                throw violation("data", $"A data chunk of {chunk.Length} bytes is over {chunkLimit} of {maxChunkBytes} bytes.");
            received += chunk.Length;
            if (received > expectedBytes)
                throw violation("data", $"The {framing.Stream} stream sent more than the {expectedBytes} bytes its {framing.HeaderName} states.");
            yield return chunk.Memory;
        }
        if (received != expectedBytes)
            throw violation("data", $"The {framing.Stream} stream sent {received} of the {expectedBytes} bytes its {framing.HeaderName} states.");
    }

    /// <summary>Reads the header and the whole payload it states, refusing a payload over <paramref name="maxBytes"/> before reading it.</summary>
    public async Task<(THeader Header, byte[] Payload)> ReadAllAsync(long maxBytes, CancellationToken cancellationToken)
    {
        var header = await ReadHeaderAsync(cancellationToken);
        long size = framing.PayloadBytes(header);
        long cap = Math.Min(maxBytes, Array.MaxLength);
        if (size < 0 || size > cap)
            throw violation("header", $"The {framing.Stream} stream's {framing.HeaderName} states {size} bytes; 0 .. {cap} are accepted here.");
        var payload = new byte[size];
        int filled = 0;
        await foreach (var chunk in ReadChunksAsync(size, cancellationToken: cancellationToken))
        {
            chunk.Span.CopyTo(payload.AsSpan(filled));
            filled += chunk.Length;
        }
        return (header, payload);
    }
}
