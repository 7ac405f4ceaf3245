using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;

namespace Mesh.ServiceDefaults.Hosting;

/// <summary>Makes a service's entry in <see cref="MeshServices"/> its default configuration, so ports live in one place.</summary>
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
                [$"{EndpointsOptions.Section}:{nameof(EndpointsOptions.GrpcPort)}"] = service.GrpcPort.ToString(),
                [$"{EndpointsOptions.Section}:{nameof(EndpointsOptions.ManagementPort)}"] = service.ManagementPort.ToString(),
            },
        });
        return builder;
    }
}
