using System.ComponentModel.DataAnnotations;

namespace Mesh.Gateway.Options;

/// <summary>One replica of a service: where its gRPC endpoint and its management endpoint answer.</summary>
public sealed record ReplicaOptions
{
    /// <summary>Absolute http:// address of the replica's gRPC (HTTP/2 cleartext) endpoint, e.g. <c>http://127.0.0.1:5020</c>.</summary>
    public string Grpc { get; init; } = "";

    /// <summary>Absolute http:// address of the replica's management endpoint; the gateway probes its <c>/health/ready</c>.</summary>
    public string Management { get; init; } = "";

    internal IEnumerable<ValidationResult> Validate(string key)
    {
        if (!IsHttpAddress(Grpc))
            yield return new ValidationResult($"{key}:Grpc '{Grpc}' is not an absolute http:// or https:// address like http://127.0.0.1:5020.");
        if (!IsHttpAddress(Management))
            yield return new ValidationResult($"{key}:Management '{Management}' is not an absolute http:// or https:// address like http://127.0.0.1:5021.");
    }

    static bool IsHttpAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
