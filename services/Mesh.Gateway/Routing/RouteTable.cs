using Mesh.Catalog;
using Mesh.ServiceDefaults.Hosting;
using Yarp.ReverseProxy.Configuration;

namespace Mesh.Gateway.Routing;

/// <summary>Policies every generated route carries; null leaves that feature off.</summary>
/// <param name="Authorization">ASP.NET authorization policy (API keys).</param>
/// <param name="RateLimiter">ASP.NET rate limiter policy (per-key limits).</param>
/// <param name="Cors">ASP.NET CORS policy (browsers on other origins).</param>
public sealed record RoutePolicies(string? Authorization, string? RateLimiter, string? Cors);

/// <summary>
/// The gateway's routes, generated from the catalog (CONTRIBUTING.md ("Avoid"): no copy-pasted routes): per gRPC service one route
/// for its path prefix <c>/mesh.decoder.v1.Decoder/{**method}</c> (native gRPC and gRPC-Web alike), and one route per
/// JSON mapping of its RPCs (<c>POST /v1/decoder:generate</c>), each to the cluster of the service that serves it.
/// </summary>
public static class RouteTable
{
    // With keys on, the key is the gateway's business: services never see (or log) it.
    static readonly IReadOnlyList<IReadOnlyDictionary<string, string>> KeyHeadersRemoved =
    [
        new Dictionary<string, string> { ["RequestHeaderRemove"] = "x-api-key" },
        new Dictionary<string, string> { ["RequestHeaderRemove"] = "authorization" },
    ];

    /// <summary>Routes of <paramref name="services"/>; route ids are <c>{service}:grpc:{full name}</c> and <c>{service}:json:{METHOD} {path}</c>.</summary>
    public static IReadOnlyList<RouteConfig> Build(IEnumerable<MeshService> services, RoutePolicies policies)
    {
        var routes = new List<RouteConfig>();
        foreach (var service in services)
        {
            foreach (var grpc in service.GrpcServices)
            {
                routes.Add(Route($"{service.Name}:grpc:{grpc.FullName}", service, new RouteMatch { Path = $"/{grpc.FullName}/{{**method}}" }));
                foreach (var http in HttpRuleRoutes.Of(grpc))
                    routes.Add(Route($"{service.Name}:json:{http.Method} {http.Path}", service,
                        new RouteMatch { Path = http.RouteTemplate, Methods = [http.Method] }));
            }
        }
        return routes;

        RouteConfig Route(string id, MeshService service, RouteMatch match) => new()
        {
            RouteId = id,
            ClusterId = service.Name,
            Match = match,
            AuthorizationPolicy = policies.Authorization,
            RateLimiterPolicy = policies.RateLimiter,
            CorsPolicy = policies.Cors,
            Transforms = policies.Authorization is null ? null : KeyHeadersRemoved,
        };
    }
}
