using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Mesh.Contracts.Decoder.V1;
using Mesh.Gateway.Tests.TestHosts;

namespace Mesh.Gateway.Tests.Security;

/// <summary>A gateway with API keys on in front of one test replica.</summary>
public sealed class ApiKeyAuthenticationTests : IAsyncLifetime
{
    const string CiKey = "ci-key-0123456789abcdef";
    TestReplica _replica = null!;
    TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _replica = await TestReplica.StartAsync("replica");
        _gateway = await TestGateway.StartAsync([_replica], new Dictionary<string, string?>
        {
            ["Gateway:ApiKeys:Enabled"] = "true",
            ["Gateway:ApiKeys:Keys:ci"] = CiKey,
            ["Gateway:ApiKeys:Keys:other"] = "other-key-0123456789abcdef",
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _replica.DisposeAsync();
    }

    [Fact]
    public async Task ACallWithoutAKeyIsUnauthenticatedAndNeverReachesTheService()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client().GetModelInfoAsync(new GetModelInfoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("x-api-key", error.Status.Detail);
        Assert.Equal(0, _replica.Calls.Count);
    }

    [Fact]
    public async Task AWrongKeyIsUnauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client().GetModelInfoAsync(new GetModelInfoRequest(), Key("x-api-key", "wrong-key-0123456789abcdef")).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("not valid", error.Status.Detail);
        Assert.Equal(0, _replica.Calls.Count);
    }

    [Theory]
    [InlineData("x-api-key", CiKey)]
    [InlineData("authorization", "Bearer " + CiKey)]
    public async Task TheRightKeyInEitherHeaderIsForwarded(string header, string value)
    {
        var info = await Client().GetModelInfoAsync(new GetModelInfoRequest(), Key(header, value));

        Assert.Equal("replica", info.ModelId);
        Assert.Equal(1, _replica.Calls.Count);
        // The key stops at the gateway.
        Assert.Null(_replica.Calls.LastHeaders!.Get(header));
    }

    [Fact]
    public async Task AStreamWithoutAKeyEndsUnauthenticatedBeforeAnyEvent()
    {
        using var call = Client().Generate(new GenerateRequest { Sampling = new SamplingParams { MaxTokens = 3 } });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(0, _replica.Calls.Count);
    }

    [Fact]
    public async Task AGrpcWebCallWithoutAKeyIsUnauthenticated()
    {
        var client = new Decoder.DecoderClient(_gateway.GrpcWebChannel());

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetModelInfoAsync(new GetModelInfoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(0, _replica.Calls.Count);
    }

    [Fact]
    public async Task AJsonCallWithoutAKeyGets401WithAStatusBody()
    {
        using var response = await _gateway.Web.GetAsync("/v1/decoder/model-info");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)StatusCode.Unauthenticated, status.GetProperty("code").GetInt32());
        Assert.Equal(0, _replica.Calls.Count);
    }

    [Fact]
    public async Task TheGatewaysOwnHealthStaysOpen()
    {
        using var http = new HttpClient { BaseAddress = _gateway.ManagementAddress };
        using var response = await http.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    Decoder.DecoderClient Client() => new(_gateway.GrpcChannel());

    static Metadata Key(string header, string value) => new() { { header, value } };
}
