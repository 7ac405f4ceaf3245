using System.Net;
using Grpc.Core;
using Mesh.Catalog;
using Mesh.Contracts.ContextStore.V1;
using Mesh.ServiceDefaults.Health;
using Mesh.TestKit;

namespace Mesh.ContextStore.Tests.Grpc;

/// <summary>Ready means the backend is loaded and reachable (docs/design.md section 1), not that the process is up.</summary>
public sealed class ContextStoreReadinessTests : IDisposable
{
    readonly TempFolder _folder = new();

    [Fact]
    public async Task TheEmbeddedStoreIsReadyOnceItsIndexIsLoaded()
    {
        await using var host = await StoreHost.EmbeddedAsync(_folder.Path);
        var response = await host.Host.Management.GetAsync(ServiceConventions.ReadyPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"embedded store at {_folder.Path}: 0 entries", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AStoreWhoseRedisDoesNotAnswerIsNotReadyAndAnswersUnavailable()
    {
        using var refusing = new RefusingPort();
        int closedPort = refusing.Port;
        await using var host = await StoreHost.StartAsync(new Dictionary<string, string?>
        {
            ["ContextStore:Backend"] = "Redis",
            ["ContextStore:RedisConnectionString"] = $"127.0.0.1:{closedPort},connectTimeout=300,asyncTimeout=300",
        }, waitUntilReady: false);
        var readiness = host.Host.Get<ServiceReadiness>();
        await Polling.UntilAsync(() => readiness.Description.Contains("failed"), "the Redis backend failed to load");

        var response = await host.Host.Management.GetAsync(ServiceConventions.ReadyPath);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        string reason = $"loading the Redis backend at 127.0.0.1:{closedPort} failed";
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
        var client = new Contracts.ContextStore.V1.ContextStore.ContextStoreClient(host.Host.Channel);
        var refused = await Blobs.Refused(StatusCode.Unavailable, async () => await client.ListAsync(new ListRequest()));
        Assert.Contains($"the context store is not ready: {reason}", refused.Status.Detail);
    }

    public void Dispose() => _folder.Dispose();
}
