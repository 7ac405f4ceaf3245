using Mesh.ServiceDefaults;
using Mesh.TestKit;

namespace Mesh.ServiceDefaults.Tests;

/// <summary>A host with nothing but the service defaults: what every service starts from.</summary>
internal static class DefaultsHost
{
    public static Task<ServiceHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        ServiceHost.StartAsync(builder => builder.AddServiceDefaults(), app => app.MapDefaultEndpoints(), settings);
}
