using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Mesh.Clients;
using Mesh.ContextStore.Storage;
using Mesh.Contracts.ContextStore.V1;

namespace Mesh.ContextStore.Tests.Grpc;

/// <summary>A store with small limits (1 MiB entries, 64 KiB chunks, 1 h TTL), shared by the validation tests.</summary>
public sealed class SmallLimitsHost : IAsyncLifetime
{
    readonly TempFolder _folder = new();
    public StoreHost Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await StoreHost.EmbeddedAsync(_folder.Path, new Dictionary<string, string?>
    {
        ["ContextStore:MaxEntryBytes"] = $"{1 << 20}", ["ContextStore:MaxTtl"] = "01:00:00", ["ContextStore:DefaultTtl"] = "00:10:00",
        ["GrpcLimits:ChunkBytes"] = $"{64 << 10}",
    });

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>Every refusal of context_store.proto: INVALID_ARGUMENT naming the field and the limit, nothing stored.</summary>
public sealed class ContextStoreValidationTests(SmallLimitsHost host) : IClassFixture<SmallLimitsHost>
{
    static readonly byte[] Blob = Blobs.Random(1000, 100);
    static PutRequest Header(long size, string sha256, Duration? ttl = null) =>
        new() { Header = new PutHeader { Metadata = Blobs.Metadata("v"), SizeBytes = size, Sha256 = sha256, Ttl = ttl } };
    static PutRequest GoodHeader => Header(Blob.Length, Sha256Hex.Of(Blob));
    static PutRequest Data(byte[] bytes) => new() { Data = ByteString.CopyFrom(bytes) };

    // Sends what it can (the store may end the call early) and returns the store's refusal.
    async Task<RpcException> PutRefused(string field, params PutRequest[] messages)
    {
        using var call = host.Store.Client.Put();
        try
        {
            foreach (var message in messages) await call.RequestStream.WriteAsync(message);
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // The call already ended with the status read below.
        }
        var error = await Blobs.Refused(StatusCode.InvalidArgument, () => call.ResponseAsync);
        Assert.Equal(field, Blobs.Field(error));
        Assert.Equal(0, (await host.Store.Client.ListAsync(new ListRequest())).Usage.Entries);
        Assert.Empty(Directory.GetFiles(host.Store.Embedded.Folders.Temp));
        return error;
    }

    [Fact]
    public Task AStreamWithNoMessagesHasNoHeader() => PutRefused("header");

    [Fact]
    public async Task DataBeforeTheHeaderIsRefused() =>
        Assert.Contains("header is missing", (await PutRefused("header", Data(Blob), GoodHeader)).Status.Detail);

    [Fact]
    public Task ASecondHeaderIsRefused() => PutRefused("header", GoodHeader, Data(Blob), GoodHeader);

    [Fact]
    public Task AnEmptyBlobIsRefused() => PutRefused("header.size_bytes", Header(0, Sha256Hex.Of(Blob)));

    [Fact]
    public async Task ABlobOverTheEntryLimitIsRefusedNamingTheLimit()
    {
        var error = await PutRefused("header.size_bytes", Header((1 << 20) + 1, Sha256Hex.Of(Blob)));
        Assert.Contains("1048576", error.Status.Detail);
        Assert.Contains("ContextStore:MaxEntryBytes", error.Status.Detail);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABCDEF")]
    [InlineData("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    public Task AMalformedChecksumIsRefused(string sha256) => PutRefused("header.sha256", Header(Blob.Length, sha256));

    [Fact]
    public async Task ATtlOverTheMaximumIsRefusedNamingIt() =>
        Assert.Contains("01:00:00", (await PutRefused("header.ttl", Header(Blob.Length, Sha256Hex.Of(Blob), Duration.FromTimeSpan(TimeSpan.FromHours(2))))).Status.Detail);

    [Fact]
    public Task ANegativeTtlIsRefused() => PutRefused("header.ttl", Header(Blob.Length, Sha256Hex.Of(Blob), new Duration { Seconds = -5 }));

    [Fact]
    public Task TooManyLabelsAreRefused()
    {
        var header = GoodHeader;
        for (int i = 0; i < 65; i++) header.Header.Metadata.Labels[$"l{i}"] = "v";
        return PutRefused("header.metadata.labels", header);
    }

    [Fact]
    public async Task AChunkOverTheChunkSizeIsRefusedNamingIt()
    {
        byte[] blob = Blobs.Random((64 << 10) + 1, 101);
        var error = await PutRefused("data", Header(blob.Length, Sha256Hex.Of(blob)), Data(blob));
        Assert.Contains("GrpcLimits:ChunkBytes", error.Status.Detail);
    }

    [Fact]
    public Task MoreBytesThanTheHeaderSaysAreRefused() => PutRefused("data", GoodHeader, Data(Blob), Data([1]));

    [Fact]
    public Task FewerBytesThanTheHeaderSaysAreRefused() => PutRefused("data", GoodHeader, Data(Blob[..999]));

    [Fact]
    public async Task BytesThatDoNotMatchTheChecksumAreNotStored() =>
        Assert.Contains("nothing was stored", (await PutRefused("header.sha256", GoodHeader, Data(Blobs.Random(1000, 102)))).Status.Detail);

    [Theory]
    [InlineData("../x")]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("..%2Fx")]
    [InlineData("")]
    public async Task IdsThatAreNotTheStoresAreRefusedByEveryCall(string id)
    {
        var client = host.Store.Client;
        Assert.Equal("context_id", Blobs.Field(await Blobs.Refused(StatusCode.InvalidArgument, () => client.GetAsync(id))));
        await Blobs.Refused(StatusCode.InvalidArgument, async () => await client.StatAsync(new StatRequest { ContextId = id }));
        await Blobs.Refused(StatusCode.InvalidArgument, async () => await client.DeleteAsync(new DeleteRequest { ContextId = id }));
    }

    [Theory]
    [InlineData(-1, "", "page_size")]
    [InlineData(1001, "", "page_size")]
    [InlineData(10, "not a token", "page_token")]
    [InlineData(10, "AAAAAAAAAAA", "page_token")]
    public async Task ListRefusesPageSizesAndTokensItDidNotIssue(int pageSize, string token, string field)
    {
        var error = await Blobs.Refused(StatusCode.InvalidArgument,
            async () => await host.Store.Client.ListAsync(new ListRequest { PageSize = pageSize, PageToken = token }));
        Assert.Equal(field, Blobs.Field(error));
    }

    [Fact]
    public async Task TheDefaultTtlAppliesWhenThePutGivesNone()
    {
        var put = await host.Store.Client.PutAsync(Blob, Blobs.Metadata("default ttl"));
        await host.Store.Client.DeleteAsync(new DeleteRequest { ContextId = put.ContextId });
        Assert.Equal(TimeSpan.FromMinutes(10), put.ExpireTime.ToDateTimeOffset() - put.CreateTime.ToDateTimeOffset());
    }
}
