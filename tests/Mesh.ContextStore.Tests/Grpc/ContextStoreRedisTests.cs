using Mesh.Clients;
using Mesh.Contracts.ContextStore.V1;
using Mesh.ContextStore.Tests.Storage.Redis;

namespace Mesh.ContextStore.Tests.Grpc;

/// <summary>The service over the Redis backend, chosen by options, against the test's redis-server.</summary>
[Collection(RedisCollection.Name)]
public sealed class ContextStoreRedisTests(RedisServer redis)
{
    [Fact]
    public async Task TheRedisBackendServesTheSameApi()
    {
        await using var host = await StoreHost.StartAsync(new Dictionary<string, string?>
        {
            ["ContextStore:Backend"] = "Redis", ["ContextStore:RedisConnectionString"] = redis.ConnectionString,
            ["ContextStore:RedisKeyPrefix"] = $"service-{Guid.NewGuid():N}",
        });
        byte[] blob = Blobs.Random(2_600_000, 120);
        var put = await host.Client.PutAsync(blob, Blobs.Metadata("redis"));
        var got = await host.Client.GetAsync(put.ContextId);
        Assert.Equal(blob, got.Data);
        Assert.Equal(put.Metadata, got.Entry.Metadata);

        var listed = await host.Client.ListAsync(new ListRequest());
        Assert.Equal([put.ContextId], listed.Entries.Select(e => e.ContextId));
        Assert.Equal((1L, (long)blob.Length), (listed.Usage.Entries, listed.Usage.Bytes));
        await host.Client.DeleteAsync(new DeleteRequest { ContextId = put.ContextId });
        Assert.Equal(0, (await host.Client.ListAsync(new ListRequest())).Usage.Entries);
    }
}
