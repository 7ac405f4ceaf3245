using System.Globalization;
using System.Net;
using Mesh.Catalog;
using Mesh.Gateway.Options;
using Mesh.ServiceDefaults.Health;
using Mesh.ServiceDefaults.Hosting;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;

namespace Mesh.Gateway.Routing;

/// <summary>
/// One YARP cluster per service, over its configured replicas: HTTP/2 cleartext to each replica's gRPC address
/// (exactly HTTP/2: gRPC needs it, and a downgrade would only fail later), active probes of each replica's
/// management <c>/health/ready</c>, passive health from forwarded calls, and an activity timeout but no overall
/// timeout, so long generation streams are not cut.
/// </summary>
public static class ClusterTable
{
    // YARP reads the consecutive-failures threshold of the active policy from cluster metadata.
    const string UnhealthyAfterMetadata = "ConsecutiveFailuresHealthPolicy.Threshold";

    /// <summary>Clusters of <paramref name="services"/>, with ids equal to the service names and destination ids <c>{service}/{index}</c>.</summary>
    public static IReadOnlyList<ClusterConfig> Build(IEnumerable<MeshService> services, GatewayOptions options) =>
        services.Select(service => Cluster(service, options)).ToList();

    static ClusterConfig Cluster(MeshService service, GatewayOptions options)
    {
        var health = options.HealthChecks;
        return new ClusterConfig
        {
            ClusterId = service.Name,
            LoadBalancingPolicy = options.LoadBalancing,
            Destinations = options.ReplicasOf(service)
                .Select((replica, index) => (Id: $"{service.Name}/{index}", Config: new DestinationConfig { Address = replica.Grpc, Health = replica.Management }))
                .ToDictionary(d => d.Id, d => d.Config),
            HttpRequest = new ForwarderRequestConfig
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                ActivityTimeout = options.ActivityTimeout,
            },
            HealthCheck = new HealthCheckConfig
            {
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = health.Interval,
                    Timeout = health.Timeout,
                    Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                    Path = ServiceConventions.ReadyPath,
                },
                Passive = new PassiveHealthCheckConfig
                {
                    Enabled = true,
                    Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
                    ReactivationPeriod = health.ReactivationPeriod,
                },
            },
            Metadata = new Dictionary<string, string> { [UnhealthyAfterMetadata] = health.UnhealthyAfter.ToString(CultureInfo.InvariantCulture) },
        };
    }
}
