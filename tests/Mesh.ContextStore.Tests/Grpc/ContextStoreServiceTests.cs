using System.Diagnostics.Metrics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Mesh.Clients;
using Mesh.ContextStore.Storage;
using Mesh.Contracts.ContextStore.V1;
using Mesh.ServiceDefaults.Telemetry;
using Mesh.TestKit;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.ContextStore.Tests.Grpc;

/// <summary>The service on loopback over the embedded backend: the API of context_store.proto end to end.</summary>
public sealed class ContextStoreServiceTests : IDisposable
{
    const int ChunkBytes = 1 << 20;
    readonly TempFolder _folder = new();

    [Fact]
    public async Task AMultiChunkContextRoundTripsInChunksOfAtMostTheChunkSize()
    {
        await using var host = await StoreHost.EmbeddedAsync(_folder.Path);
        byte[] blob = Blobs.Random(5 * ChunkBytes + 123, 40);
        var put = await host.Client.PutAsync(blob, Blobs.Metadata("large"), TimeSpan.FromMinutes(5));
        Assert.Equal((blob.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(blob))), (put.SizeBytes, put.Sha256));
        Assert.Equal(TimeSpan.FromMinutes(5), put.ExpireTime.ToDateTimeOffset() - put.CreateTime.ToDateTimeOffset());

        using var call = host.Client.Get(new GetRequest { ContextId = put.ContextId });
        var messages = new List<GetResponse>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None)) messages.Add(call.ResponseStream.Current);
        Assert.Equal(GetResponse.PartOneofCase.Entry, messages[0].PartCase);
        Assert.Equal(put.Metadata, messages[0].Entry.Metadata);
        var chunks = messages.Skip(1).Select(m => m.Data).ToList();
        Assert.Equal(6, chunks.Count);
        Assert.All(chunks, c => Assert.InRange(c.Length, 1, ChunkBytes));
        Assert.Equal(blob, chunks.SelectMany(c => c.ToByteArray()).ToArray());

        var again = await host.Client.GetAsync(put.ContextId);
        Assert.Equal(blob, again.Data);
        Assert.True(again.Entry.LastAccessTime > put.LastAccessTime);
    }

    [Fact]
    public async Task StatDescribesWithoutReadingAndDeleteRemoves()
    {
        await using var host = await StoreHost.EmbeddedAsync(_folder.Path);
        var put = await host.Client.PutAsync(Blobs.Random(1000, 41), Blobs.Metadata("x"));
        var stat = await host.Client.StatAsync(new StatRequest { ContextId = put.ContextId });
        Assert.Equal(put, stat);
        Assert.Equal(TimeSpan.FromHours(24), stat.ExpireTime.ToDateTimeOffset() - stat.CreateTime.ToDateTimeOffset());

        await host.Client.DeleteAsync(new DeleteRequest { ContextId = put.ContextId });
        await Blobs.Refused(StatusCode.NotFound, () => host.Client.GetAsync(put.ContextId));
        await Blobs.Refused(StatusCode.NotFound, async () => await host.Client.StatAsync(new StatRequest { ContextId = put.ContextId }));
        var error = await Blobs.Refused(StatusCode.NotFound, async () => await host.Client.DeleteAsync(new DeleteRequest { ContextId = put.ContextId }));
        Assert.Contains(put.ContextId, error.Status.Detail);
    }

    [Fact]
    public async Task ListPagesMostRecentlyUsedFirstWithoutRepeatsAndFiltersByModel()
    {
        await using var host = await StoreHost.EmbeddedAsync(_folder.Path);
        var ids = new List<string>();
        for (int i = 0; i < 5; i++)
            ids.Add((await host.Client.PutAsync(Blobs.Random(100 + i, 50 + i), Blobs.Metadata($"e{i}", i % 2 == 0 ? "even" : "odd"))).ContextId);
        await host.Client.GetAsync(ids[1]);
        string[] expected = [ids[1], ids[4], ids[3], ids[2], ids[0]];

        var pages = new List<ListResponse>();
        string token = "";
        do
        {
            pages.Add(await host.Client.ListAsync(new ListRequest { PageSize = 2, PageToken = token }));
            token = pages[^1].NextPageToken;
        } while (token != "");
        Assert.Equal([2, 2, 1], pages.Select(p => p.Entries.Count));
        Assert.Equal(expected, pages.SelectMany(p => p.Entries).Select(e => e.ContextId));
        var usage = pages[^1].Usage;
        Assert.Equal((5L, 510L, 2L << 30), (usage.Entries, usage.Bytes, usage.CapacityBytes));
        Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromDays(30)), usage.MaxTtl);

        var odd = await host.Client.ListAsync(new ListRequest { ModelId = "odd" });
        Assert.Equal([ids[1], ids[3]], odd.Entries.Select(e => e.ContextId));
        Assert.Equal("", odd.NextPageToken);
    }

    [Fact]
    public async Task AnEntryExpiresAfterItsTtl()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var host = await StoreHost.EmbeddedAsync(_folder.Path, time: time);
        var put = await host.Client.PutAsync(Blobs.Random(100, 60), Blobs.Metadata("brief"), TimeSpan.FromMinutes(5));
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(5), put.ExpireTime.ToDateTimeOffset());

        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        await host.Client.StatAsync(new StatRequest { ContextId = put.ContextId });
        time.Advance(TimeSpan.FromSeconds(2));
        await Blobs.Refused(StatusCode.NotFound, () => host.Client.GetAsync(put.ContextId));
    }

    [Fact]
    public async Task ExpiredEntriesLeaveTheDiskWithoutAnyRequest()
    {
        await using var host = await StoreHost.EmbeddedAsync(_folder.Path, new Dictionary<string, string?> { ["ContextStore:SweepInterval"] = "00:00:01" });
        using var evictions = new MetricCollector<long>(host.Host.Get<IMeterFactory>(), MeshTelemetry.MeterName, "mesh.context_store.evictions");
        var put = await host.Client.PutAsync(Blobs.Random(100, 61), Blobs.Metadata("swept"), TimeSpan.FromSeconds(1));
        string path = host.Embedded.Folders.PathOf(ContextId.Parse(put.ContextId, "context_id"));
        Assert.True(File.Exists(path));
        await Polling.UntilAsync(() => !File.Exists(path), "the sweep removed the expired entry's file");
        // The sweep deletes the file, then counts the eviction: wait for the count rather than racing it.
        await Polling.UntilAsync(() => evictions.GetMeasurementSnapshot().Sum(m => m.Value) >= 1, "the sweep counted the eviction");
        Assert.Equal(1, evictions.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public async Task OverCapacityTheLeastRecentlyReadGoesAndEvictionsHitsAndMissesAreCounted()
    {
        await using var host = await StoreHost.EmbeddedAsync(_folder.Path, new Dictionary<string, string?>
        {
            ["ContextStore:CapacityBytes"] = "300000", ["ContextStore:MaxEntryBytes"] = "300000",
        });
        var meters = host.Host.Get<IMeterFactory>();
        using var evictions = new MetricCollector<long>(meters, MeshTelemetry.MeterName, "mesh.context_store.evictions");
        using var hits = new MetricCollector<long>(meters, MeshTelemetry.MeterName, "mesh.context_store.hits");
        using var misses = new MetricCollector<long>(meters, MeshTelemetry.MeterName, "mesh.context_store.misses");

        var ids = new List<string>();
        foreach (string name in new[] { "a", "b", "c" })
            ids.Add((await host.Client.PutAsync(Blobs.Random(100_000, name[0]), Blobs.Metadata(name))).ContextId);
        await host.Client.GetAsync(ids[0]);
        var d = await host.Client.PutAsync(Blobs.Random(100_000, 'd'), Blobs.Metadata("d"));

        await Blobs.Refused(StatusCode.NotFound, () => host.Client.GetAsync(ids[1]));
        var listed = await host.Client.ListAsync(new ListRequest());
        Assert.Equal([d.ContextId, ids[0], ids[2]], listed.Entries.Select(e => e.ContextId));
        Assert.Equal((3L, 300_000L), (listed.Usage.Entries, listed.Usage.Bytes));
        Assert.Equal(1, evictions.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(1, hits.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(1, misses.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public async Task ConcurrentPutsAndGetsKeepEveryByte()
    {
        await using var host = await StoreHost.EmbeddedAsync(_folder.Path);
        const int tasks = 24;
        var blobs = Enumerable.Range(0, tasks).Select(i => Blobs.Random(1000 + i * 100_003, 70 + i)).ToArray();
        var ids = new string[tasks];
        var stored = Enumerable.Range(0, tasks).Select(i => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();

        await Task.WhenAll(Enumerable.Range(0, tasks).Select(i => Task.Run(async () =>
        {
            try
            {
                ids[i] = (await host.Client.PutAsync(blobs[i], Blobs.Metadata($"t{i}"), chunkBytes: 256 << 10)).ContextId;
                stored[i].SetResult();
            }
            catch (Exception e)
            {
                stored[i].SetException(e);
                throw;
            }
            Assert.Equal(blobs[i], (await host.Client.GetAsync(ids[i])).Data);
            // Read a neighbour's context too, while others are still writing.
            int other = (i + 7) % tasks;
            await stored[other].Task;
            Assert.Equal(blobs[other], (await host.Client.GetAsync(ids[other])).Data);
        })));

        var listed = await host.Client.ListAsync(new ListRequest());
        Assert.Equal(tasks, listed.Entries.Count);
        Assert.Equal(blobs.Sum(b => (long)b.Length), listed.Usage.Bytes);
    }

    [Fact]
    public async Task ARestartedStoreServesEverythingItHad()
    {
        byte[] first = Blobs.Random(2_500_000, 80), second = Blobs.Random(10, 81);
        string a, b;
        await using (var before = await StoreHost.EmbeddedAsync(_folder.Path))
        {
            a = (await before.Client.PutAsync(first, Blobs.Metadata("a"))).ContextId;
            b = (await before.Client.PutAsync(second, Blobs.Metadata("b"))).ContextId;
        }
        await using var after = await StoreHost.EmbeddedAsync(_folder.Path);
        Assert.Equal(first, (await after.Client.GetAsync(a)).Data);
        Assert.Equal(second, (await after.Client.GetAsync(b)).Data);
        Assert.Equal("b", (await after.Client.StatAsync(new StatRequest { ContextId = b })).Metadata.Labels["name"]);
    }

    [Fact]
    public async Task ACorruptFileIsDataLossForItAloneWhileTheOthersServe()
    {
        await using var host = await StoreHost.EmbeddedAsync(_folder.Path);
        byte[] goodBlob = Blobs.Random(3000, 90);
        var bad = await host.Client.PutAsync(Blobs.Random(3000, 91), Blobs.Metadata("bad"));
        var good = await host.Client.PutAsync(goodBlob, Blobs.Metadata("good"));
        var folders = host.Embedded.Folders;
        string path = Path.Combine(folders.Entries, bad.ContextId + ".ctx");
        var bytes = File.ReadAllBytes(path);
        bytes[10] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        var error = await Blobs.Refused(StatusCode.DataLoss, () => host.Client.GetAsync(bad.ContextId));
        Assert.Contains("not served", error.Status.Detail);
        Assert.Single(Directory.GetFiles(folders.Quarantine));
        Assert.Equal(goodBlob, (await host.Client.GetAsync(good.ContextId)).Data);
        await Blobs.Refused(StatusCode.NotFound, () => host.Client.GetAsync(bad.ContextId));
    }

    public void Dispose() => _folder.Dispose();
}
