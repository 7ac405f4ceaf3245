using System.Security.Cryptography;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Mesh.Clients.Streaming;
using Mesh.Contracts.ContextStore.V1;
using static Mesh.Contracts.ContextStore.V1.ContextStore;

namespace Mesh.Clients;

/// <summary>A context read back whole: its entry and its bytes, checked against the entry's size and SHA-256.</summary>
public sealed record ContextBlob(ContextEntry Entry, byte[] Data);

/// <summary>
/// Whole-blob Put and Get over the context store's chunked streams (<see cref="ChunkedStream"/>):
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
            await call.RequestStream.WriteAsync(ChunkFramings.Put, header, blob, chunkBytes, cancellationToken);
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
    /// store's <see cref="RpcException"/>; a stream that breaks the framing or whose bytes do not match the
    /// entry's size and SHA-256 throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static async Task<ContextBlob> GetAsync(this ContextStoreClient client, string contextId, CancellationToken cancellationToken = default)
    {
        using var call = client.Get(new GetRequest { ContextId = contextId }, cancellationToken: cancellationToken);
        var (entry, data) = await call.ResponseStream.Chunked(ChunkFramings.Get).ReadAllAsync(int.MaxValue, cancellationToken);
        string actual = Convert.ToHexStringLower(SHA256.HashData(data));
        if (actual != entry.Sha256)
            throw new InvalidDataException($"Context {contextId} arrived with SHA-256 {actual}, not its entry's {entry.Sha256}.");
        return new ContextBlob(entry, data);
    }
}
