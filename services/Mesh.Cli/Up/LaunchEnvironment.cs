using Mesh.Catalog;

namespace Mesh.Cli.Up;

/// <summary>
/// The environment each process of a local mesh starts with: its own ports on loopback, where the other
/// started services answer (<see cref="ServiceConventions.AddressKey"/>), and for the gateway one replica per
/// started service and none for the others, so their calls get UNAVAILABLE instead of reaching a stranger.
/// </summary>
public static class LaunchEnvironment
{
    /// <summary>
    /// Variables for <paramref name="service"/>, given the ports of every started service (the gateway included);
    /// a service that loads a model (<see cref="MeshService.ModelSection"/>) loads <paramref name="modelDirectory"/> when given.
    /// </summary>
    public static IReadOnlyDictionary<string, string> For(MeshService service, IReadOnlyDictionary<string, ServicePorts> started,
                                                          string? modelDirectory = null)
    {
        var ports = started[service.Name];
        var environment = new Dictionary<string, string>
        {
            [Key(ServiceConventions.HostKey)] = "127.0.0.1",
            [Key(ServiceConventions.GrpcPortKey)] = ports.Grpc.ToString(),
            [Key(ServiceConventions.ManagementPortKey)] = ports.Management.ToString(),
        };
        if (modelDirectory is not null && service.ModelSection is { } section)
            environment[Key(section, "ModelDirectory")] = modelDirectory;
        var backends = MeshServices.Backends.Where(s => started.ContainsKey(s.Name)).ToList();
        foreach (var backend in backends)
            environment[Key(ServiceConventions.AddressKey(backend))] = started[backend.Name].GrpcAddress.ToString();

        if (service.Name == MeshServices.Gateway.Name)
        {
            environment["Gateway__WebPort"] = ports.Web!.Value.ToString();
            environment["Gateway__DefaultReplicas"] = "false";
            foreach (var backend in backends)
            {
                environment[$"Gateway__Services__{backend.Name}__0__Grpc"] = started[backend.Name].GrpcAddress.ToString();
                environment[$"Gateway__Services__{backend.Name}__0__Management"] = started[backend.Name].ManagementAddress.ToString();
            }
        }
        return environment;
    }

    // Configuration keys as environment variables: "Endpoints:GrpcPort" -> "Endpoints__GrpcPort".
    static string Key(params string[] parts) => string.Join("__", parts.SelectMany(p => p.Split(':')));
}
