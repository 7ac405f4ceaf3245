using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Mesh.Contracts.ContextStore.V1;
using Mesh.ServiceDefaults.Grpc;
using Microsoft.Extensions.Options;

namespace Mesh.Decoder.Model;

/// <summary>
/// The context-store service as the decoder uses it: put a serialised context, get it back. The store's
/// statuses (NOT_FOUND, DATA_LOSS, ...) reach the caller unchanged.
/// </summary>
public sealed class ContextStoreClient(IOptions<DecoderOptions> options, IOptions<GrpcLimitsOptions> limits)
{
    public const string Format = "mesh.kv.v1";
    readonly Lazy<ContextStore.ContextStoreClient?> client = new(() =>
        string.IsNullOrWhiteSpace(options.Value.ContextStoreAddress) ? null
            : new ContextStore.ContextStoreClient(GrpcChannel.ForAddress(options.Value.ContextStoreAddress)));

    ContextStore.ContextStoreClient Client => client.Value ?? throw new RpcException(new Status(StatusCode.FailedPrecondition,
        "this decoder has no context store (set Decoder:ContextStoreAddress); Compress and Ask need one"));

    /// <summary>FAILED_PRECONDITION unless a store is configured: checked before any model work.</summary>
    public void EnsureConfigured() => _ = Client;

    public async Task<ContextEntry> PutAsync(byte[] data, string modelId, TimeSpan? ttl, CancellationToken cancellationToken)
    {
        var store = Client;
        using var call = store.Put(cancellationToken: cancellationToken);
        var header = new PutHeader
        {
            Metadata = new ContextMetadata { ModelId = modelId, Format = Format },
            SizeBytes = data.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(data)),
        };
        if (ttl is { } t) header.Ttl = Duration.FromTimeSpan(t);
        await call.RequestStream.WriteAsync(new PutRequest { Header = header }, cancellationToken);
        int chunk = limits.Value.ChunkBytes;
        for (int at = 0; at < data.Length; at += chunk)
            await call.RequestStream.WriteAsync(new PutRequest { Data = ByteString.CopyFrom(data, at, Math.Min(chunk, data.Length - at)) }, cancellationToken);
        await call.RequestStream.CompleteAsync();
        return await call;
    }

    public async Task<(ContextEntry Entry, byte[] Data)> GetAsync(string contextId, CancellationToken cancellationToken)
    {
        using var call = Client.Get(new GetRequest { ContextId = contextId }, cancellationToken: cancellationToken);
        ContextEntry? entry = null;
        using var data = new MemoryStream();
        await foreach (var part in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            if (part.PartCase == GetResponse.PartOneofCase.Entry) entry = part.Entry;
            else part.Data.WriteTo(data);
        }
        if (entry is null) throw new RpcException(new Status(StatusCode.Internal, $"the context store sent no entry for {contextId}"));
        return (entry, data.ToArray());
    }
}
