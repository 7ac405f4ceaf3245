using Grpc.Net.Client;
using Mesh.Clients;
using Mesh.Contracts.ContextStore.V1;
using Mesh.ServiceDefaults.Grpc;
using Microsoft.Extensions.Options;

namespace Mesh.Decoder.Model;

/// <summary>Where Compress puts serialised contexts and Ask gets them back.</summary>
public interface IContextStore
{
    /// <summary>FAILED_PRECONDITION unless a store is configured: checked before any model work.</summary>
    void EnsureConfigured();

    Task<ContextEntry> PutAsync(byte[] data, string modelId, TimeSpan? ttl, CancellationToken cancellationToken);

    Task<(ContextEntry Entry, byte[] Data)> GetAsync(string contextId, CancellationToken cancellationToken);
}

/// <summary>
/// The context-store service as the decoder uses it: put a serialised context, get it back. The store's
/// statuses (NOT_FOUND, DATA_LOSS, ...) reach the caller unchanged.
/// </summary>
public sealed class ContextStoreClient(IOptions<DecoderOptions> options, IOptions<GrpcLimitsOptions> limits) : IContextStore
{
    public const string Format = "mesh.kv.v1";
    readonly Lazy<ContextStore.ContextStoreClient?> _client = new(() =>
        string.IsNullOrWhiteSpace(options.Value.ContextStoreAddress) ? null
            : new ContextStore.ContextStoreClient(GrpcChannel.ForAddress(options.Value.ContextStoreAddress)));

    ContextStore.ContextStoreClient Client
    {
        get
        {
            if (_client.Value is { } store) return store;
            RpcErrors.FailedPrecondition("this decoder has no context store (set Decoder:ContextStoreAddress); Compress and Ask need one");
            return null!;
        }
    }

    public void EnsureConfigured() => _ = Client;

    public Task<ContextEntry> PutAsync(byte[] data, string modelId, TimeSpan? ttl, CancellationToken cancellationToken) =>
        Client.PutAsync(data, new ContextMetadata { ModelId = modelId, Format = Format }, ttl, limits.Value.ChunkBytes, cancellationToken);

    public async Task<(ContextEntry Entry, byte[] Data)> GetAsync(string contextId, CancellationToken cancellationToken)
    {
        var blob = await Client.GetAsync(contextId, cancellationToken);
        return (blob.Entry, blob.Data);
    }
}
