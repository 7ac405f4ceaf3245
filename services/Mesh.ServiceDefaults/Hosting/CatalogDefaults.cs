using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;

namespace Mesh.ServiceDefaults.Hosting;

/// <summary>
/// Makes the catalog (<see cref="MeshServices"/>) the default configuration, so ports live in one place: a service's
/// own ports, and where the services it calls answer (<c>MeshServices:{name}</c>, set by <c>mesh up</c> and deployments).
/// </summary>
public static class CatalogDefaults
{
    /// <summary>Configuration section of the other services' gRPC addresses: <c>MeshServices:vision-encoder=http://...</c>.</summary>
    public const string AddressSection = "MeshServices";

    /// <summary>
    /// Adds <paramref name="service"/>'s default ports as the lowest-precedence configuration source:
    /// appsettings files, environment (<c>Endpoints__GrpcPort</c>) and the command line still override them.
    /// </summary>
    public static IHostApplicationBuilder UseCatalogDefaults(this IHostApplicationBuilder builder, MeshService service)
    {
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                [$"{EndpointsOptions.Section}:{nameof(EndpointsOptions.GrpcPort)}"] = service.GrpcPort.ToString(),
                [$"{EndpointsOptions.Section}:{nameof(EndpointsOptions.ManagementPort)}"] = service.ManagementPort.ToString(),
            },
        });
        return builder;
    }

    /// <summary>Configuration key of <paramref name="service"/>'s gRPC address for its clients (environment: <c>MeshServices__decoder</c>).</summary>
    public static string AddressKey(MeshService service) => $"{AddressSection}:{service.Name}";

    /// <summary>Where a client reaches <paramref name="service"/>: the configured address, else its default port on loopback.</summary>
    public static Uri GrpcAddressOf(this IConfiguration configuration, MeshService service) =>
        configuration[AddressKey(service)] is { Length: > 0 } configured ? new Uri(configured) : service.DefaultGrpcAddress;
}
