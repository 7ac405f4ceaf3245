using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Mesh.Contracts.ContextStore.V1;
using static Mesh.Contracts.ContextStore.V1.ContextStore;

namespace Mesh.Clients;

/// <summary>A context read back whole: its entry and its bytes, checked against the entry's size and SHA-256.</summary>
public sealed record ContextBlob(ContextEntry Entry, byte[] Data);

/// <summary>
/// Whole-blob Put and Get over the context store's chunked streams (protos/README.md "Streaming"):
/// the header first, then slices of at most the chunk size; both directions check the SHA-256.
/// </summary>
public static class ContextStoreClientExtensions
{
    /// <summary>The store's default chunk size (<c>GrpcLimits:ChunkBytes</c>), 1 MiB.</summary>
    public const int DefaultChunkBytes = 1 << 20;

    /// <summary>
    /// Stores <paramref name="blob"/> with <paramref name="metadata"/> and returns its entry (its id is
    /// <c>context_id</c>). <paramref name="ttl"/> null means the store's default; <paramref name="chunkBytes"/>
    /// must not exceed the store's chunk size. The store's refusals arrive as its <see cref="RpcException"/>.
    /// </summary>
    public static async Task<ContextEntry> PutAsync(this ContextStoreClient client, ReadOnlyMemory<byte> blob, ContextMetadata metadata,
                                                    TimeSpan? ttl = null, int chunkBytes = DefaultChunkBytes, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(blob.Length, nameof(blob));
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        var header = new PutHeader
        {
            Metadata = metadata, SizeBytes = blob.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(blob.Span)),
            Ttl = ttl is { } t ? Duration.FromTimeSpan(t) : null,
        };
        using var call = client.Put(cancellationToken: cancellationToken);
        try
        {
            await call.RequestStream.WriteAsync(new PutRequest { Header = header }, cancellationToken);
            for (int offset = 0; offset < blob.Length; offset += chunkBytes)
            {
                var slice = blob.Slice(offset, Math.Min(chunkBytes, blob.Length - offset));
                await call.RequestStream.WriteAsync(new PutRequest { Data = UnsafeByteOperations.UnsafeWrap(slice) }, cancellationToken);
            }
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            // The store ended the call early (a refused header, a full queue): its status is the answer.
        }
        return await call.ResponseAsync;
    }

    /// <summary>
    /// Reads the context <paramref name="contextId"/> whole. NOT_FOUND, DATA_LOSS and the rest arrive as the
    /// store's <see cref="RpcException"/>; a stream that breaks the protocol or whose bytes do not match the
    /// entry's size and SHA-256 throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static async Task<ContextBlob> GetAsync(this ContextStoreClient client, string contextId, CancellationToken cancellationToken = default)
    {
        using var call = client.Get(new GetRequest { ContextId = contextId }, cancellationToken: cancellationToken);
        var stream = call.ResponseStream;
        if (!await stream.MoveNext(cancellationToken) || stream.Current.PartCase != GetResponse.PartOneofCase.Entry)
            throw new InvalidDataException($"The context store's Get of {contextId} did not start with the entry.");
        var entry = stream.Current.Entry;
        if (entry.SizeBytes is <= 0 or > int.MaxValue)
            throw new InvalidDataException($"Context {contextId} is {entry.SizeBytes} bytes; this helper reads 1 .. {int.MaxValue}.");

        var data = new byte[entry.SizeBytes];
        int filled = 0;
        while (await stream.MoveNext(cancellationToken))
        {
            var chunk = stream.Current.Data;
            if (stream.Current.PartCase != GetResponse.PartOneofCase.Data || chunk.Length > data.Length - filled)
                throw new InvalidDataException($"The context store sent more than the {entry.SizeBytes} bytes of {contextId}, or a second entry.");
            chunk.Span.CopyTo(data.AsSpan(filled));
            filled += chunk.Length;
        }
        if (filled != data.Length)
            throw new InvalidDataException($"The context store sent {filled} of the {entry.SizeBytes} bytes of {contextId}.");
        string actual = Convert.ToHexStringLower(SHA256.HashData(data));
        if (actual != entry.Sha256)
            throw new InvalidDataException($"Context {contextId} arrived with SHA-256 {actual}, not its entry's {entry.Sha256}.");
        return new ContextBlob(entry, data);
    }
}
