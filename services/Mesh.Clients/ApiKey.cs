using Grpc.Core;

namespace Mesh.Clients;

/// <summary>The gateway's API key as call metadata: the option, else MESH_API_KEY, else none.</summary>
public static class ApiKey
{
    public const string EnvironmentVariable = "MESH_API_KEY";

    public static Metadata? Headers(string? key)
    {
        key ??= Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrEmpty(key) ? null : new Metadata { { "x-api-key", key } };
    }
}
