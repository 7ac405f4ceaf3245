using Grpc.Core;
using Mesh.Contracts.ContextStore.V1;

namespace Mesh.Clients.Tests;

/// <summary>A context store that records what a Put sent and serves whatever Get stream a test scripts, well-formed or not.</summary>
public sealed class FakeContextStore : ContextStore.ContextStoreBase
{
    /// <summary>Messages of the last Put, in order.</summary>
    public List<PutRequest> Received { get; } = [];

    /// <summary>When set, a Put is refused with this status right after its header.</summary>
    public Status? RefusePut { get; set; }

    /// <summary>What Get sends; null answers NOT_FOUND.</summary>
    public List<GetResponse>? Served { get; set; }

    public override async Task<ContextEntry> Put(IAsyncStreamReader<PutRequest> requestStream, ServerCallContext context)
    {
        Received.Clear();
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            Received.Add(requestStream.Current);
            if (RefusePut is { } status) throw new RpcException(status);
        }
        var header = Received[0].Header;
        return new ContextEntry { ContextId = "fake", Metadata = header.Metadata, SizeBytes = header.SizeBytes, Sha256 = header.Sha256 };
    }

    public override async Task Get(GetRequest request, IServerStreamWriter<GetResponse> responseStream, ServerCallContext context)
    {
        if (Served is null) throw new RpcException(new Status(StatusCode.NotFound, $"No context {request.ContextId}."));
        foreach (var message in Served) await responseStream.WriteAsync(message, context.CancellationToken);
    }
}
