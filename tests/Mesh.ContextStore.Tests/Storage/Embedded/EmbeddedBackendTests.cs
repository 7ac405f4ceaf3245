using Grpc.Core;
using Mesh.ContextStore.Storage;
using Mesh.ContextStore.Storage.Embedded;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.ContextStore.Tests.Storage.Embedded;

/// <summary>The embedded backend on a real folder, its clock under the test's control.</summary>
public sealed class EmbeddedBackendTests : IDisposable
{
    static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    readonly TempFolder _folder = new();
    readonly BackendKit _kit = new();
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    ContextStoreOptions Options(long capacity = 1L << 30) => new() { DataDirectory = _folder.Path, CapacityBytes = capacity, MaxEntryBytes = capacity };

    async Task<EmbeddedBackend> OpenAsync(long capacity = 1L << 30)
    {
        var backend = _kit.Embedded(Options(capacity), _time);
        await backend.InitializeAsync(CancellationToken.None);
        return backend;
    }

    [Fact]
    public async Task ARestartLosesNothingAndKeepsTheLruOrder()
    {
        byte[] large = Blobs.Random(3_000_017, 1), small = Blobs.Random(10, 2), medium = Blobs.Random(200_000, 3);
        var before = await OpenAsync();
        var a = await BackendKit.PutAsync(before, large, Hour, "a");
        var b = await BackendKit.PutAsync(before, small, Hour, "b");
        var c = await BackendKit.PutAsync(before, medium, Hour, "c");
        await BackendKit.ReadAsync(before, a.Id);
        var order = await BackendKit.ListAsync(before);
        Assert.Equal([a.Id, c.Id, b.Id], order);
        await before.DisposeAsync();

        var after = await OpenAsync();
        Assert.Equal(order, await BackendKit.ListAsync(after));
        Assert.Equal(large, await BackendKit.ReadAsync(after, a.Id));
        Assert.Equal(small, await BackendKit.ReadAsync(after, b.Id));
        Assert.Equal(medium, await BackendKit.ReadAsync(after, c.Id));
        var stat = await after.StatAsync(c.Id, CancellationToken.None);
        Assert.Equal((c.Metadata, c.Sha256, c.Created, c.Expires), (stat.Metadata, stat.Sha256, stat.Created, stat.Expires));
        Assert.Equal([c.Id, b.Id, a.Id], await BackendKit.ListAsync(after));
        Assert.Equal((3L, large.Length + small.Length + (long)medium.Length), await after.UsageAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ACorruptBlobIsDataLossForThatEntryOnlyAndIsQuarantined()
    {
        var store = await OpenAsync();
        var bad = await BackendKit.PutAsync(store, Blobs.Random(500_000, 4), Hour, "bad");
        byte[] goodBlob = Blobs.Random(1000, 5);
        var good = await BackendKit.PutAsync(store, goodBlob, Hour, "good");
        string path = store.Folders.PathOf(bad.Id);
        using (var file = File.Open(path, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = 123_456;
            int b = file.ReadByte();
            file.Position = 123_456;
            file.WriteByte((byte)(b ^ 0x01));
        }

        var error = await Blobs.Refused(StatusCode.DataLoss, () => BackendKit.ReadAsync(store, bad.Id));
        Assert.Contains("SHA-256", error.Status.Detail);
        Assert.False(File.Exists(path));
        Assert.StartsWith(bad.Id.Value, Path.GetFileName(Assert.Single(Directory.GetFiles(store.Folders.Quarantine))));
        await Blobs.Refused(StatusCode.NotFound, () => BackendKit.ReadAsync(store, bad.Id));
        Assert.Equal(goodBlob, await BackendKit.ReadAsync(store, good.Id));
        Assert.Equal([good.Id], await BackendKit.ListAsync(store));
        Assert.Equal((1L, 1000L), await store.UsageAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ACorruptTrailerFoundAtStartIsQuarantinedWhileTheRestLoad()
    {
        var before = await OpenAsync();
        var bad = await BackendKit.PutAsync(before, Blobs.Random(2000, 6), Hour, "bad");
        var good = await BackendKit.PutAsync(before, Blobs.Random(2000, 7), Hour, "good");
        await before.DisposeAsync();
        string path = before.Folders.PathOf(bad.Id);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^5]);
        File.WriteAllText(Path.Combine(before.Folders.Entries, "notes.txt"), "not an entry");

        var after = await OpenAsync();
        Assert.Equal([good.Id], await BackendKit.ListAsync(after));
        Assert.Single(Directory.GetFiles(after.Folders.Quarantine));
        Assert.True(File.Exists(Path.Combine(after.Folders.Entries, "notes.txt")));
        await Blobs.Refused(StatusCode.NotFound, () => after.StatAsync(bad.Id, CancellationToken.None));
    }

    [Fact]
    public async Task AFileThatVanishedIsDataLossNotAnError()
    {
        var store = await OpenAsync();
        var gone = await BackendKit.PutAsync(store, Blobs.Random(100, 8), Hour);
        File.Delete(store.Folders.PathOf(gone.Id));
        await Blobs.Refused(StatusCode.DataLoss, () => BackendKit.ReadAsync(store, gone.Id));
        await Blobs.Refused(StatusCode.NotFound, () => store.StatAsync(gone.Id, CancellationToken.None));
    }

    [Fact]
    public async Task AnExpiredEntryIsNotServedItsFileGoesAndItCountsAsAnEviction()
    {
        var store = await OpenAsync();
        var entry = await BackendKit.PutAsync(store, Blobs.Random(100, 9), TimeSpan.FromMinutes(1));
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(100, (await BackendKit.ReadAsync(store, entry.Id)).Length);
        _time.Advance(TimeSpan.FromSeconds(1));
        await Blobs.Refused(StatusCode.NotFound, () => BackendKit.ReadAsync(store, entry.Id));
        Assert.False(File.Exists(store.Folders.PathOf(entry.Id)));
        Assert.Equal(1, _kit.EvictionCount);
    }

    [Fact]
    public async Task TtlIsHonouredAcrossARestart()
    {
        var before = await OpenAsync();
        var brief = await BackendKit.PutAsync(before, Blobs.Random(100, 10), TimeSpan.FromMinutes(1));
        var lasting = await BackendKit.PutAsync(before, Blobs.Random(100, 11), Hour);
        await before.DisposeAsync();
        _time.Advance(TimeSpan.FromMinutes(2));

        var after = await OpenAsync();
        Assert.Equal([lasting.Id], await BackendKit.ListAsync(after));
        Assert.False(File.Exists(after.Folders.PathOf(brief.Id)));
        Assert.Equal(1, _kit.EvictionCount);
    }

    [Fact]
    public async Task OverCapacityTheLeastRecentlyUsedEntryGoesFirst()
    {
        var store = await OpenAsync(capacity: 300_000);
        var (evicted, kept) = await _kit.OverfillAsync(store);
        Assert.False(File.Exists(store.Folders.PathOf(evicted.Id)));

        // A smaller capacity at the next start evicts in the same order.
        await store.DisposeAsync();
        var smaller = await OpenAsync(capacity: 200_000);
        Assert.Equal(kept[..2].Select(e => e.Id), await BackendKit.ListAsync(smaller));
    }

    [Fact]
    public async Task AnAbandonedPutLeavesNoFile()
    {
        var store = await OpenAsync();
        await using (var writer = await store.BeginPutAsync(new NewEntry(Blobs.Metadata("x"), 10, new string('0', 64), Hour), CancellationToken.None))
            await writer.WriteAsync(new byte[5], CancellationToken.None);
        Assert.Empty(Directory.GetFiles(store.Folders.Temp));
        Assert.Empty(Directory.GetFiles(store.Folders.Entries));
        Assert.Empty(await BackendKit.ListAsync(store));
    }

    public void Dispose()
    {
        _kit.Dispose();
        _folder.Dispose();
    }
}
