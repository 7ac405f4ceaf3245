using Mesh.Catalog;
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
                [ServiceConventions.GrpcPortKey] = service.GrpcPort.ToString(),
                [ServiceConventions.ManagementPortKey] = service.ManagementPort.ToString(),
            },
        });
        return builder;
    }

    /// <summary>Where a client reaches <paramref name="service"/>: the configured address, else its default port on loopback.</summary>
    public static Uri GrpcAddressOf(this IConfiguration configuration, MeshService service) =>
        configuration[ServiceConventions.AddressKey(service)] is { Length: > 0 } configured ? new Uri(configured) : service.DefaultGrpcAddress;
}
