using System.Security.Cryptography;
using Grpc.Core;
using Mesh.Clients.Streaming;
using Mesh.ContextStore.Storage;
using Mesh.Contracts.ContextStore.V1;
using Mesh.ServiceDefaults.Grpc;
using Mesh.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.ContextStore.Grpc;

/// <summary>
/// Reads a Put's client stream: the header, then the chunks, each written to the backend as it
/// arrives and hashed; the entry is committed only when the byte count and the SHA-256 match the header.
/// </summary>
public sealed class PutReceiver(ModelHost<IContextBackend> store, PutHeaderValidator validator, IOptions<GrpcLimitsOptions> limits)
{
    public async Task<EntryInfo> ReceiveAsync(IAsyncStreamReader<PutRequest> requests, CancellationToken cancellationToken)
    {
        var reader = requests.Chunked(ChunkFramings.Put, RpcErrors.InvalidArgumentException);
        var entry = validator.Validate(await reader.ReadHeaderAsync(cancellationToken));
        await using var writer = await store.Model.BeginPutAsync(entry, cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunks = reader.ReadChunksAsync(entry.SizeBytes, limits.Value.ChunkBytes, "the chunk size (GrpcLimits:ChunkBytes)", cancellationToken);
        await foreach (var chunk in chunks)
        {
            hash.AppendData(chunk.Span);
            await writer.WriteAsync(chunk, cancellationToken);
        }
        string actual = Sha256Hex.Finish(hash);
        if (actual != entry.Sha256)
            RpcErrors.InvalidArgument("header.sha256", $"The blob's SHA-256 is {actual}, not header.sha256 {entry.Sha256}; nothing was stored.");
        return await writer.CommitAsync(cancellationToken);
    }
}
