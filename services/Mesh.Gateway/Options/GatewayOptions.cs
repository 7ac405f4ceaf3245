using System.ComponentModel.DataAnnotations;
using Mesh.Catalog;
using Mesh.ServiceDefaults.Hosting;

namespace Mesh.Gateway.Options;

/// <summary>
/// Where the gateway sends each service's calls and how it watches them, bound from the <c>Gateway</c> section
/// (environment: <c>Gateway__Services__decoder__0__Grpc=http://127.0.0.1:5020</c>). The routes themselves are
/// not configured: they are generated from <see cref="MeshServices"/>.
/// </summary>
public sealed record GatewayOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Gateway";

    /// <summary>
    /// Port of the HTTP/1.1 endpoint for gRPC-Web (browsers) and JSON (curl); native gRPC uses the HTTP/2
    /// <c>Endpoints:GrpcPort</c>, because cleartext HTTP/2 cannot share a port with HTTP/1.1. 0 picks a free port.
    /// </summary>
    [Range(0, 65535)]
    public int WebPort { get; init; } = MeshServices.GatewayWebPort;

    /// <summary>
    /// Replicas per service, by catalog name (<c>decoder</c>, <c>judge</c>, ...). A service that is not listed gets
    /// one replica at its catalog default ports on 127.0.0.1 when <see cref="DefaultReplicas"/> is true, none otherwise
    /// (its calls then get UNAVAILABLE).
    /// </summary>
    public Dictionary<string, List<ReplicaOptions>> Services { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether unlisted services get a replica at their default ports (a developer's separate <c>dotnet run</c>s).</summary>
    public bool DefaultReplicas { get; init; } = true;

    /// <summary>
    /// How long a forwarded call may go without any data moving before it is cancelled. There is no overall
    /// timeout (streams last as long as generation does; clients set gRPC deadlines), so this must outlast the
    /// slowest single step: a prefill or one decode step of a large model on CPU.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ActivityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>YARP load-balancing policy across a service's healthy replicas: PowerOfTwoChoices (default), LeastRequests, RoundRobin, Random, FirstAlphabetical.</summary>
    [AllowedValues("PowerOfTwoChoices", "LeastRequests", "RoundRobin", "Random", "FirstAlphabetical")]
    public string LoadBalancing { get; init; } = "PowerOfTwoChoices";

    /// <summary>
    /// Origins of web pages allowed to call through the gateway with gRPC-Web or JSON (CORS), e.g.
    /// <c>http://localhost:8080</c>; empty (the default) allows none but the gateway's own origin.
    /// </summary>
    public List<string> BrowserOrigins { get; init; } = [];

    /// <summary>Active and passive health checks of the replicas.</summary>
    public HealthCheckOptions HealthChecks { get; init; } = new();

    /// <summary>The replicas the gateway balances <paramref name="service"/>'s calls over.</summary>
    public IReadOnlyList<ReplicaOptions> ReplicasOf(MeshService service) =>
        Services.TryGetValue(service.Name, out var replicas) ? replicas
        : DefaultReplicas ? [new ReplicaOptions { Grpc = service.DefaultGrpcAddress.ToString(), Management = service.DefaultManagementAddress.ToString() }]
        : [];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string known = string.Join(", ", MeshServices.Backends.Select(s => s.Name));
        foreach (var (name, replicas) in Services)
        {
            if (MeshServices.FindBackend(name) is null)
                yield return new ValidationResult($"Gateway:Services:{name} is not a service of the mesh; known: {known}.", [nameof(Services)]);
            for (int i = 0; i < replicas.Count; i++)
                foreach (var error in replicas[i].Validate($"Gateway:Services:{name}:{i}"))
                    yield return error;
        }
        foreach (var origin in BrowserOrigins)
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || origin.EndsWith('/'))
                yield return new ValidationResult(
                    $"Gateway:BrowserOrigins '{origin}' is not an origin; write scheme://host[:port] without a path, like http://localhost:8080.", [nameof(BrowserOrigins)]);
        foreach (var error in HealthChecks.Validate())
            yield return error;
    }
}
