using System.Net;
using Mesh.Catalog;
using Mesh.ServiceDefaults.Health;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Mesh.Gateway.Routing;

/// <summary>
/// Active health probes over HTTP/1.1. YARP probes with the cluster's request version, HTTP/2 here, but a
/// replica's management port (health and metrics) speaks HTTP/1.1 only (ServiceDefaults), so the default probe
/// would fail on every healthy replica.
/// </summary>
public sealed class ManagementProbeRequestFactory : IProbingRequestFactory
{
    /// <inheritdoc />
    public HttpRequestMessage CreateRequest(ClusterModel cluster, DestinationModel destination)
    {
        var management = new Uri(destination.Config.Health ?? destination.Config.Address);
        var path = cluster.Config.HealthCheck?.Active?.Path ?? ServiceConventions.ReadyPath;
        return new HttpRequestMessage(HttpMethod.Get, new Uri(management, path))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }
}
