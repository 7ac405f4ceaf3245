using Grpc.Core;
using Mesh.Clients;
using Mesh.Contracts.ContextStore.V1;
using Mesh.ServiceDefaults.Queueing;
using Mesh.TestKit;

namespace Mesh.ContextStore.Tests.Grpc;

/// <summary>One Get at a time and none waiting: a second is refused with RESOURCE_EXHAUSTED while the first streams.</summary>
public sealed class ContextStoreQueueTests : IDisposable
{
    readonly TempFolder _folder = new();

    [Fact]
    public async Task AFullQueueRefusesGetsWithResourceExhaustedWhilePutsStillLand()
    {
        await using var host = await StoreHost.EmbeddedAsync(_folder.Path, new Dictionary<string, string?>
        {
            ["ContextStore:Queue:MaxConcurrency"] = "1", ["ContextStore:Queue:MaxWaiting"] = "0",
        });
        byte[] large = Blobs.Random(8 << 20, 110);
        var stored = await host.Client.PutAsync(large, Blobs.Metadata("large"));

        // A reader that stops after the entry: the server's writes fill the stream's window and wait, holding the slot.
        using var first = host.Client.Get(new GetRequest { ContextId = stored.ContextId });
        Assert.True(await first.ResponseStream.MoveNext(CancellationToken.None));
        var queue = host.Host.Get<BoundedRequestQueue>();
        await Polling.UntilAsync(() => queue.Running == 1, "the first Get holds the only slot");

        var refused = await Blobs.Refused(StatusCode.ResourceExhausted, () => host.Client.GetAsync(stored.ContextId));
        Assert.Contains("busy", refused.Status.Detail);
        var small = await host.Client.PutAsync(Blobs.Random(100, 111), Blobs.Metadata("small"));

        var rest = new List<byte>();
        while (await first.ResponseStream.MoveNext(CancellationToken.None)) rest.AddRange(first.ResponseStream.Current.Data);
        Assert.Equal(large, rest.ToArray());
        Assert.Equal(100, (await host.Client.GetAsync(small.ContextId)).Data.Length);
    }

    public void Dispose() => _folder.Dispose();
}
