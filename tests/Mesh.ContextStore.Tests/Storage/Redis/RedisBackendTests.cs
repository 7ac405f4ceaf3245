using Grpc.Core;
using Mesh.ContextStore.Storage;
using Mesh.ContextStore.Storage.Redis;
using Mesh.TestKit;
using StackExchange.Redis;

namespace Mesh.ContextStore.Tests.Storage.Redis;

/// <summary>The Redis backend against a real redis-server; each test has its own key prefix.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisBackendTests(RedisServer redis) : IAsyncLifetime
{
    static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    readonly BackendKit _kit = new();
    readonly string _prefix = $"test-{Guid.NewGuid():N}";
    readonly List<RedisBackend> _backends = [];
    ConnectionMultiplexer _inspect = null!;

    IDatabase Db => _inspect.GetDatabase();
    RedisKeys Keys => new(_prefix);

    public async Task InitializeAsync() => _inspect = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);

    async Task<RedisBackend> OpenAsync(long capacity = 1L << 30, string? prefix = null)
    {
        var options = new ContextStoreOptions
        {
            Backend = ContextStoreBackend.Redis, RedisConnectionString = redis.ConnectionString, RedisKeyPrefix = prefix ?? _prefix,
            CapacityBytes = capacity, MaxEntryBytes = capacity,
        };
        var backend = _kit.Redis(options, TimeProvider.System);
        _backends.Add(backend);
        await backend.InitializeAsync(CancellationToken.None);
        return backend;
    }

    [Fact]
    public async Task AMultiChunkBlobRoundTripsWithItsStatListingAndDelete()
    {
        var store = await OpenAsync();
        byte[] large = Blobs.Random(3_000_017, 20), small = Blobs.Random(7, 21);
        var a = await BackendKit.PutAsync(store, large, Hour, "a");
        var b = await BackendKit.PutAsync(store, small, Hour, "b");

        Assert.Equal(large, await BackendKit.ReadAsync(store, a.Id));
        var stat = await store.StatAsync(b.Id, CancellationToken.None);
        Assert.Equal((b.Metadata, 7L, b.Sha256, b.Expires), (stat.Metadata, stat.SizeBytes, stat.Sha256, stat.Expires));
        Assert.Equal([a.Id, b.Id], await BackendKit.ListAsync(store));
        Assert.Equal((2L, large.Length + 7L), await store.UsageAsync(CancellationToken.None));

        await store.DeleteAsync(a.Id, CancellationToken.None);
        await Blobs.Refused(StatusCode.NotFound, () => BackendKit.ReadAsync(store, a.Id));
        await Blobs.Refused(StatusCode.NotFound, () => store.StatAsync(a.Id, CancellationToken.None));
        await Blobs.Refused(StatusCode.NotFound, () => store.DeleteAsync(a.Id, CancellationToken.None));
        Assert.False(await Db.KeyExistsAsync(Keys.Data(a.Id)));
        Assert.Equal((1L, 7L), await store.UsageAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TheTtlIsARedisExpiryAndAnExpiredEntryIsNotFound()
    {
        var store = await OpenAsync();
        var entry = await BackendKit.PutAsync(store, Blobs.Random(1000, 22), TimeSpan.FromSeconds(3));
        var ttl = await Db.KeyTimeToLiveAsync(Keys.Data(entry.Id));
        Assert.InRange(ttl!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(3));
        Assert.Equal(1000, (await BackendKit.ReadAsync(store, entry.Id)).Length);

        // Redis removes the keys itself; the store's index follows on the next read.
        await Polling.UntilAsync(() => !Db.KeyExists(Keys.Data(entry.Id)) && !Db.KeyExists(Keys.Meta(entry.Id)), "Redis expired the entry");
        await Blobs.Refused(StatusCode.NotFound, () => BackendKit.ReadAsync(store, entry.Id));
        Assert.Equal((0L, 0L), await store.UsageAsync(CancellationToken.None));
        Assert.Equal(1, _kit.EvictionCount);
    }

    [Fact]
    public async Task OverCapacityTheLeastRecentlyUsedEntryIsEvictedAndCounted()
    {
        var store = await OpenAsync(capacity: 300_000);
        var (evicted, _) = await _kit.OverfillAsync(store);
        await Blobs.Refused(StatusCode.NotFound, () => BackendKit.ReadAsync(store, evicted.Id));
        Assert.False(await Db.KeyExistsAsync(Keys.Data(evicted.Id)));
        Assert.False(await Db.KeyExistsAsync(Keys.Meta(evicted.Id)));
    }

    [Fact]
    public async Task ACorruptBlobIsDataLossAndDeletedWhileOthersServe()
    {
        var store = await OpenAsync();
        var bad = await BackendKit.PutAsync(store, Blobs.Random(5000, 27), Hour);
        byte[] goodBlob = Blobs.Random(5000, 28);
        var good = await BackendKit.PutAsync(store, goodBlob, Hour);
        await Db.StringSetAsync(Keys.Data(bad.Id), Blobs.Random(5000, 29), expiry: null, keepTtl: true);

        await Blobs.Refused(StatusCode.DataLoss, () => BackendKit.ReadAsync(store, bad.Id));
        Assert.False(await Db.KeyExistsAsync(Keys.Meta(bad.Id)));
        Assert.Equal(goodBlob, await BackendKit.ReadAsync(store, good.Id));
        Assert.Equal([good.Id], await BackendKit.ListAsync(store));
    }

    [Fact]
    public async Task ReplicasOnOnePrefixShareEntriesAndOtherPrefixesDoNotSeeThem()
    {
        var one = await OpenAsync();
        var two = await OpenAsync();
        var other = await OpenAsync(prefix: _prefix + "-other");
        byte[] blob = Blobs.Random(70_000, 30);
        var entry = await BackendKit.PutAsync(one, blob, Hour);

        Assert.Equal(blob, await BackendKit.ReadAsync(two, entry.Id));
        Assert.Empty(await BackendKit.ListAsync(other));
        await Blobs.Refused(StatusCode.NotFound, () => other.StatAsync(entry.Id, CancellationToken.None));
    }

    public async Task DisposeAsync()
    {
        foreach (var backend in _backends) await backend.DisposeAsync();
        await _inspect.DisposeAsync();
        _kit.Dispose();
    }
}
