using Grpc.Core;
using Grpc.Health.V1;
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

    /// <summary>
    /// As <see cref="EnsureConfigured"/>, then UNAVAILABLE unless the store answers that it serves: checked before
    /// Compress spends a generation on a context it could not keep.
    /// </summary>
    Task EnsureReachableAsync(CancellationToken cancellationToken);

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
    static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    readonly Lazy<GrpcChannel?> _channel = new(() =>
        string.IsNullOrWhiteSpace(options.Value.ContextStoreAddress) ? null : GrpcChannel.ForAddress(options.Value.ContextStoreAddress));

    GrpcChannel Channel
    {
        get
        {
            if (_channel.Value is { } channel) return channel;
            RpcErrors.FailedPrecondition("this decoder has no context store (set Decoder:ContextStoreAddress); Compress and Ask need one");
            return null!;
        }
    }

    ContextStore.ContextStoreClient Client => new(Channel);

    public void EnsureConfigured() => _ = Channel;

    public async Task EnsureReachableAsync(CancellationToken cancellationToken)
    {
        var health = new Health.HealthClient(Channel);
        HealthCheckResponse.Types.ServingStatus status;
        try
        {
            status = (await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow + ProbeTimeout, cancellationToken: cancellationToken)).Status;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            status = HealthCheckResponse.Types.ServingStatus.Unknown;
        }
        if (status != HealthCheckResponse.Types.ServingStatus.Serving)
            RpcErrors.Unavailable("the context store does not answer, so no context could be kept; nothing was computed. Retry when it is back.",
                                  TimeSpan.FromSeconds(2));
    }

    public Task<ContextEntry> PutAsync(byte[] data, string modelId, TimeSpan? ttl, CancellationToken cancellationToken) =>
        Client.PutAsync(data, new ContextMetadata { ModelId = modelId, Format = Format }, ttl, limits.Value.ChunkBytes, cancellationToken);

    public async Task<(ContextEntry Entry, byte[] Data)> GetAsync(string contextId, CancellationToken cancellationToken)
    {
        var blob = await Client.GetAsync(contextId, cancellationToken);
        return (blob.Entry, blob.Data);
    }
}
