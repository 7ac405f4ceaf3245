using Mesh.ServiceDefaults.Health;
using Yarp.ReverseProxy;

namespace Mesh.Gateway.Hosting;

/// <summary>
/// The gateway has no model: it is ready once it has started with valid options (validated before hosted
/// services start) and YARP has loaded the generated routes. Replicas' health is YARP's business, per cluster.
/// </summary>
public sealed class GatewayReadiness(ServiceReadiness readiness, IProxyStateLookup proxy) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        int routes = proxy.GetRoutes().Count(), clusters = proxy.GetClusters().Count();
        readiness.MarkReady($"ready: {routes} routes to {clusters} services");
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
