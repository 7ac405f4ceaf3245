using System.Net;
using Grpc.Core;
using Mesh.Contracts.Decoder.V1;
using Mesh.Gateway.Tests.TestHosts;

namespace Mesh.Gateway.Tests.Security;

/// <summary>A gateway with keys and a three-call bucket per key that never refills during a test.</summary>
public sealed class RateLimitsTests : IAsyncLifetime
{
    const string FirstKey = "first-key-0123456789abcdef", SecondKey = "second-key-0123456789abcdef";
    TestReplica _replica = null!;
    TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _replica = await TestReplica.StartAsync("replica");
        _gateway = await TestGateway.StartAsync([_replica], new Dictionary<string, string?>
        {
            ["Gateway:ApiKeys:Enabled"] = "true",
            ["Gateway:ApiKeys:Keys:first"] = FirstKey,
            ["Gateway:ApiKeys:Keys:second"] = SecondKey,
            ["Gateway:RateLimits:Enabled"] = "true",
            ["Gateway:RateLimits:BurstCalls"] = "3",
            ["Gateway:RateLimits:CallsPerPeriod"] = "1",
            ["Gateway:RateLimits:Period"] = "01:00:00",
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _replica.DisposeAsync();
    }

    [Fact]
    public async Task CallsOverAKeysLimitAreResourceExhaustedAndNotForwarded()
    {
        var client = new Decoder.DecoderClient(_gateway.GrpcChannel());
        for (int i = 0; i < 3; i++)
            await client.GetModelInfoAsync(new GetModelInfoRequest(), Key(FirstKey));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetModelInfoAsync(new GetModelInfoRequest(), Key(FirstKey)).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("key first", error.Status.Detail);
        Assert.Equal(3, _replica.Calls.Count);
    }

    [Fact]
    public async Task EachKeyHasItsOwnBucket()
    {
        var client = new Decoder.DecoderClient(_gateway.GrpcChannel());
        for (int i = 0; i < 3; i++)
            await client.GetModelInfoAsync(new GetModelInfoRequest(), Key(FirstKey));

        var info = await client.GetModelInfoAsync(new GetModelInfoRequest(), Key(SecondKey));

        Assert.Equal("replica", info.ModelId);
    }

    [Fact]
    public async Task JsonCallsOverTheLimitGet429WithRetryAfter()
    {
        HttpResponseMessage? last = null;
        for (int i = 0; i < 4; i++)
        {
            last?.Dispose();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/decoder/model-info") { Headers = { { "x-api-key", SecondKey } } };
            last = await _gateway.Web.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.NotNull(last.Headers.RetryAfter);
        Assert.Equal(3, _replica.Calls.Count);
        last.Dispose();
    }

    static Metadata Key(string key) => new() { { "x-api-key", key } };
}
