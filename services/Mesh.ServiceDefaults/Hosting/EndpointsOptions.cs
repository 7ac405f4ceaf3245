using System.ComponentModel.DataAnnotations;
using System.Net;
using Mesh.Catalog;

namespace Mesh.ServiceDefaults.Hosting;

/// <summary>
/// Where a service listens, bound from the <c>Endpoints</c> section (environment: <c>Endpoints__GrpcPort=...</c>).
/// Each service's appsettings.json sets its own ports; 0 picks a free port (tests).
/// </summary>
public sealed record EndpointsOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string Section = ServiceConventions.EndpointsSection;

    /// <summary>IP address both endpoints bind to: 127.0.0.1 (default, loopback), 0.0.0.0 or :: in containers.</summary>
    [Required]
    public string Host { get; init; } = "127.0.0.1";

    /// <summary><see cref="Host"/> parsed; <see cref="IPAddress.None"/> until validation has refused a non-address.</summary>
    public IPAddress Address => IPAddress.TryParse(Host, out var address) ? address : IPAddress.None;

    /// <summary>The gRPC endpoint: HTTP/2 over cleartext (prior knowledge); TLS ends at the gateway.</summary>
    [Range(0, 65535)]
    public int GrpcPort { get; init; } = 5000;

    /// <summary>The management endpoint: HTTP/1.1 for <c>/metrics</c>, <c>/health/live</c> and <c>/health/ready</c>.</summary>
    [Range(0, 65535)]
    public int ManagementPort { get; init; } = 5001;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(Host, out _))
            yield return new ValidationResult($"Endpoints:Host '{Host}' is not an IP address; use 127.0.0.1, 0.0.0.0 or ::.", [nameof(Host)]);
        if (GrpcPort == ManagementPort && GrpcPort != 0)
            yield return new ValidationResult(
                $"Endpoints:GrpcPort and Endpoints:ManagementPort are both {GrpcPort}; they must differ (or both be 0 for free ports).",
                [nameof(GrpcPort), nameof(ManagementPort)]);
    }
}
