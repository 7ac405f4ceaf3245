using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Mesh.Clients.Streaming;
using Mesh.ContextStore.Storage;
using Mesh.Contracts.ContextStore.V1;
using Mesh.ServiceDefaults.Grpc;
using Mesh.ServiceDefaults.Hosting;
using Mesh.ServiceDefaults.Queueing;
using Mesh.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;

namespace Mesh.ContextStore.Grpc;

/// <summary>
/// mesh.contextstore.v1.ContextStore: chunked Put and Get of opaque contexts, Stat, Delete and a paged List.
/// Gets wait in the bounded queue (reading and, for Redis, buffering a blob is the server's work). Puts do
/// not: a Put waiting for a slot would leave its chunks unread in the HTTP/2 connection's shared flow-control
/// window and stall the running Puts of the same client; a Put is paced by its client instead, and bounded
/// by HTTP/2's streams per connection.
/// </summary>
public sealed class ContextStoreService(ModelHost<IContextBackend> store, PutReceiver receiver, BoundedRequestQueue queue, MeshTelemetry telemetry,
                                        IOptions<ContextStoreOptions> options, IOptions<GrpcLimitsOptions> limits)
    : Contracts.ContextStore.V1.ContextStore.ContextStoreBase
{
    /// <summary>Entries per List page when the request gives none, and the most allowed.</summary>
    public const int DefaultPageSize = 100, MaxPageSize = 1000;

    public override async Task<ContextEntry> Put(IAsyncStreamReader<PutRequest> requestStream, ServerCallContext context)
    {
        var entry = await receiver.ReceiveAsync(requestStream, context.CancellationToken);
        return entry.ToProto();
    }

    public override async Task Get(GetRequest request, IServerStreamWriter<GetResponse> responseStream, ServerCallContext context)
    {
        var id = ContextId.Parse(request.ContextId, "context_id");
        var cancellationToken = context.CancellationToken;
        using var slot = await queue.EnterAsync(cancellationToken);
        await using var reader = await OpenCountedAsync(id, cancellationToken);
        await responseStream.WriteAsync(ChunkFramings.Get, reader.Info.ToProto(), reader.Info.SizeBytes, reader.ReadAsync,
                                        limits.Value.ChunkBytes, cancellationToken);
    }

    public override async Task<ContextEntry> Stat(StatRequest request, ServerCallContext context)
    {
        var id = ContextId.Parse(request.ContextId, "context_id");
        return (await store.Model.StatAsync(id, context.CancellationToken)).ToProto();
    }

    public override async Task<Empty> Delete(DeleteRequest request, ServerCallContext context)
    {
        var id = ContextId.Parse(request.ContextId, "context_id");
        await store.Model.DeleteAsync(id, context.CancellationToken);
        return new Empty();
    }

    public override async Task<ListResponse> List(ListRequest request, ServerCallContext context)
    {
        int pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        if (pageSize is < 1 or > MaxPageSize)
            RpcErrors.InvalidArgument("page_size", $"page_size {request.PageSize} is outside 1..{MaxPageSize} (0 means {DefaultPageSize}).");
        var query = new ListQuery(pageSize, PageToken.Decode(request.PageToken), request.ModelId);

        var backend = store.Model;
        var page = await backend.ListAsync(query, context.CancellationToken);
        var (entries, bytes) = await backend.UsageAsync(context.CancellationToken);
        var response = new ListResponse
        {
            NextPageToken = page.NextBefore is { } before ? PageToken.Encode(before) : "",
            Usage = new StoreUsage
            {
                Entries = entries, Bytes = bytes, CapacityBytes = options.Value.CapacityBytes,
                DefaultTtl = Duration.FromTimeSpan(options.Value.DefaultTtl), MaxTtl = Duration.FromTimeSpan(options.Value.MaxTtl),
            },
        };
        response.Entries.AddRange(page.Entries.Select(e => e.ToProto()));
        return response;
    }

    // A Get that finds its context is a hit; an unknown or expired one a miss.
    async Task<IEntryReader> OpenCountedAsync(ContextId id, CancellationToken cancellationToken)
    {
        try
        {
            var reader = await store.Model.OpenAsync(id, cancellationToken);
            telemetry.ContextStoreHits.Add(1);
            return reader;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            telemetry.ContextStoreMisses.Add(1);
            throw;
        }
    }
}
