using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Mesh.Contracts.Judge.V1;
using Mesh.Gateway.Tests.TestHosts;
using Mesh.TestKit;

namespace Mesh.Gateway.Tests.Routing;

public sealed class ProxyErrorsTests
{
    [Fact]
    public async Task AServiceWithoutReplicasAnswersUnavailableNamingIt()
    {
        await using var gateway = await TestGateway.StartAsync([]);
        var client = new Judge.JudgeClient(gateway.GrpcChannel());

        var error = await Assert.ThrowsAsync<RpcException>(() => client.CompareAsync(new CompareRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("no healthy replica of 'judge'", error.Status.Detail);
    }

    [Fact]
    public async Task AJsonCallToAServiceWithoutReplicasGets503WithAStatusBody()
    {
        await using var gateway = await TestGateway.StartAsync([]);

        using var response = await gateway.Web.PostAsJsonAsync("/v1/judge:compare", new { reference = "a", candidate = "b" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)StatusCode.Unavailable, status.GetProperty("code").GetInt32());
        Assert.Contains("judge", status.GetProperty("message").GetString());
    }

    [Fact]
    public async Task AReplicaThatRefusesConnectionsAnswersUnavailableNamingItsAddress()
    {
        using var refusing = new RefusingPort();
        int closedPort = refusing.Port;
        await using var gateway = await TestGateway.StartAsync([], new Dictionary<string, string?>
        {
            ["Gateway:Services:judge:0:Grpc"] = $"http://127.0.0.1:{closedPort}",
            ["Gateway:Services:judge:0:Management"] = $"http://127.0.0.1:{closedPort}",
            // Probes would soon take the replica out; this test is about the first call.
            ["Gateway:HealthChecks:Interval"] = "00:05:00",
        });
        var client = new Judge.JudgeClient(gateway.GrpcChannel());

        var error = await Assert.ThrowsAsync<RpcException>(() => client.CompareAsync(new CompareRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains($"127.0.0.1:{closedPort}", error.Status.Detail);
    }
}
