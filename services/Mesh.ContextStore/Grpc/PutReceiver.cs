using System.Security.Cryptography;
using Grpc.Core;
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
        if (!await requests.MoveNext(cancellationToken) || requests.Current.PartCase != PutRequest.PartOneofCase.Header)
            RpcErrors.InvalidArgument("header",
                "A Put stream starts with a PutHeader (metadata, size_bytes, sha256), then the blob's bytes as data chunks; the header is missing.");
        var entry = validator.Validate(requests.Current.Header);

        await using var writer = await store.Model.BeginPutAsync(entry, cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        int chunkBytes = limits.Value.ChunkBytes;
        long received = 0;
        while (await requests.MoveNext(cancellationToken))
        {
            var part = requests.Current;
            if (part.PartCase != PutRequest.PartOneofCase.Data)
                RpcErrors.InvalidArgument("header", "A Put stream has exactly one header, first; every later message is a data chunk.");
            if (part.Data.Length > chunkBytes)
                RpcErrors.InvalidArgument("data", $"A data chunk of {part.Data.Length} bytes is over the chunk size of {chunkBytes} bytes (GrpcLimits:ChunkBytes).");
            received += part.Data.Length;
            if (received > entry.SizeBytes)
                RpcErrors.InvalidArgument("data", $"The chunks hold more than header.size_bytes = {entry.SizeBytes} bytes.");
            hash.AppendData(part.Data.Span);
            await writer.WriteAsync(part.Data.Memory, cancellationToken);
        }
        if (received != entry.SizeBytes)
            RpcErrors.InvalidArgument("data", $"The chunks hold {received} bytes but header.size_bytes says {entry.SizeBytes}; nothing was stored.");
        string actual = Sha256Hex.Finish(hash);
        if (actual != entry.Sha256)
            RpcErrors.InvalidArgument("header.sha256", $"The blob's SHA-256 is {actual}, not header.sha256 {entry.Sha256}; nothing was stored.");
        return await writer.CommitAsync(cancellationToken);
    }
}
