namespace Mesh.Catalog;

/// <summary>
/// What a service and whoever starts it (<c>mesh up</c>, a container, the Helm chart) agree on: the configuration
/// keys of its ports and of the other services' addresses, and its health paths. Kept here, beside the catalog,
/// so a launcher needs no ASP.NET to speak them.
/// </summary>
public static class ServiceConventions
{
    /// <summary>Configuration section of a service's own endpoints (environment: <c>Endpoints__GrpcPort</c>).</summary>
    public const string EndpointsSection = "Endpoints";

    /// <summary>Key of the address both endpoints bind to.</summary>
    public const string HostKey = EndpointsSection + ":Host";

    /// <summary>Key of the gRPC port (HTTP/2 cleartext).</summary>
    public const string GrpcPortKey = EndpointsSection + ":GrpcPort";

    /// <summary>Key of the management port (HTTP/1.1: health and metrics).</summary>
    public const string ManagementPortKey = EndpointsSection + ":ManagementPort";

    /// <summary>Configuration section of the other services' gRPC addresses: <c>MeshServices:vision-encoder=http://...</c>.</summary>
    public const string AddressSection = "MeshServices";

    /// <summary>Configuration key of <paramref name="service"/>'s gRPC address for its clients (environment: <c>MeshServices__decoder</c>).</summary>
    public static string AddressKey(MeshService service) => $"{AddressSection}:{service.Name}";

    /// <summary>Prefix of the health endpoints on the management port.</summary>
    public const string HealthPathPrefix = "/health";

    /// <summary>Liveness: 200 while the process serves HTTP.</summary>
    public const string LivePath = HealthPathPrefix + "/live";

    /// <summary>Readiness: 200 once the service's model or backend is loaded.</summary>
    public const string ReadyPath = HealthPathPrefix + "/ready";
}
