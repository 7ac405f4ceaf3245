using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Mesh.Contracts.ContextStore.V1;
using Mesh.ServiceDefaults;
using Mesh.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Mesh.Clients.Tests;

/// <summary>The helpers against a scripted store on loopback: what they send, and what they accept back.</summary>
public sealed class ContextStoreClientExtensionsTests : IAsyncLifetime
{
    readonly FakeContextStore _store = new();
    ServiceHost _host = null!;
    ContextStore.ContextStoreClient Client => new(_host.Channel);

    static readonly byte[] Blob = Enumerable.Range(0, 2500).Select(i => (byte)(i * 7)).ToArray();
    static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public async Task InitializeAsync() =>
        _host = await ServiceHost.StartAsync(b => { b.AddServiceDefaults(); b.Services.AddSingleton(_store); },
                                             app => { app.MapDefaultEndpoints(); app.MapGrpcService<FakeContextStore>(); });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task PutSendsTheHeaderFirstThenSlicesOfAtMostTheChunkSize()
    {
        var metadata = new ContextMetadata { ModelId = "m", Format = "mesh.kv.v1" };
        var entry = await Client.PutAsync(Blob, metadata, TimeSpan.FromSeconds(90), chunkBytes: 1000);

        Assert.Equal("fake", entry.ContextId);
        var header = _store.Received[0].Header;
        Assert.Equal((metadata, 2500L, Sha(Blob), 90L), (header.Metadata, header.SizeBytes, header.Sha256, header.Ttl.Seconds));
        Assert.Equal([1000, 1000, 500], _store.Received.Skip(1).Select(m => m.Data.Length));
        Assert.Equal(Blob, _store.Received.Skip(1).SelectMany(m => m.Data.ToByteArray()));
    }

    [Fact]
    public async Task PutWithoutATtlLeavesItToTheStore()
    {
        await Client.PutAsync(Blob, new ContextMetadata());
        Assert.Null(_store.Received[0].Header.Ttl);
        Assert.Single(_store.Received.Skip(1));
    }

    [Fact]
    public async Task APutRefusedMidStreamSurfacesTheStoresStatus()
    {
        _store.RefusePut = new Status(StatusCode.InvalidArgument, "header.size_bytes is over the store's largest entry");
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.PutAsync(new byte[8 << 20], new ContextMetadata(), chunkBytes: 64 << 10));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("largest entry", error.Status.Detail);
    }

    [Fact]
    public async Task AnEmptyBlobIsRefusedBeforeAnyCall() =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client.PutAsync(ReadOnlyMemory<byte>.Empty, new ContextMetadata()));

    static GetResponse Entry(long size, string sha) => new() { Entry = new ContextEntry { ContextId = "c", SizeBytes = size, Sha256 = sha } };
    static GetResponse Data(byte[] bytes) => new() { Data = ByteString.CopyFrom(bytes) };

    [Fact]
    public async Task GetReassemblesTheChunksAndChecksThem()
    {
        _store.Served = [Entry(Blob.Length, Sha(Blob)), Data(Blob[..1000]), Data(Blob[1000..2000]), Data(Blob[2000..])];
        var blob = await Client.GetAsync("c");
        Assert.Equal(Blob, blob.Data);
        Assert.Equal("c", blob.Entry.ContextId);
    }

    public static TheoryData<string, string> Broken => new()
    {
        { "altered", "SHA-256" }, { "short", "sent 2000 of the 2500" }, { "long", "more than the 2500" },
        { "no entry", "did not start with its entry" }, { "two entries", "a second entry" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task GetRefusesAStreamThatDoesNotMatchItsEntry(string how, string complaint)
    {
        var altered = (byte[])Blob.Clone();
        altered[1234] ^= 1;
        _store.Served = how switch
        {
            "altered" => [Entry(Blob.Length, Sha(Blob)), Data(altered)],
            "short" => [Entry(Blob.Length, Sha(Blob)), Data(Blob[..2000])],
            "long" => [Entry(Blob.Length, Sha(Blob)), Data(Blob), Data([1])],
            "no entry" => [Data(Blob)],
            _ => [Entry(Blob.Length, Sha(Blob)), Entry(Blob.Length, Sha(Blob))],
        };
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Client.GetAsync("c"));
        Assert.Contains(complaint, error.Message);
    }

    [Fact]
    public async Task GetPassesTheStoresStatusOn()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.GetAsync("gone"));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}
