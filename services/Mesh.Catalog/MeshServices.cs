using Google.Protobuf.Reflection;

namespace Mesh.Catalog;

/// <summary>
/// One service of the mesh: its logical name, the project that builds it, the gRPC services it serves and
/// its default ports (used when nothing is configured, as by a developer's <c>dotnet run</c>).
/// </summary>
/// <param name="Name">Logical name, lower-kebab (<c>decoder</c>): the gateway's cluster id and its configuration key.</param>
/// <param name="Project">Folder, project and assembly name under <c>services/</c> (<c>Mesh.Decoder</c>).</param>
/// <param name="GrpcServices">The gRPC services it serves; the gateway routes <c>/{full name}/*</c> and their HTTP mappings to it.</param>
/// <param name="GrpcPort">Default gRPC port (HTTP/2 cleartext).</param>
/// <param name="ManagementPort">Default management port (HTTP/1.1: health and metrics).</param>
public sealed record MeshService(string Name, string Project, IReadOnlyList<ServiceDescriptor> GrpcServices, int GrpcPort, int ManagementPort)
{
    /// <summary>Full names of <see cref="GrpcServices"/>, e.g. <c>mesh.decoder.v1.Decoder</c>.</summary>
    public IEnumerable<string> GrpcServiceNames => GrpcServices.Select(s => s.FullName);

    /// <summary>Default gRPC address on loopback.</summary>
    public Uri DefaultGrpcAddress => new($"http://127.0.0.1:{GrpcPort}");

    /// <summary>Default management address on loopback.</summary>
    public Uri DefaultManagementAddress => new($"http://127.0.0.1:{ManagementPort}");

    /// <summary>
    /// For a service that loads the vision-language model, the configuration section whose <c>ModelDirectory</c>
    /// chooses it (<c>Decoder</c>: <c>Decoder__ModelDirectory</c>); null for the others.
    /// </summary>
    public string? ModelSection { get; init; }
}

/// <summary>
/// The service catalog: the one list of the mesh's services (docs/design.md section 1). The gateway generates its
/// routes and clusters from it, and <c>mesh up</c> starts the services in it.
/// </summary>
public static class MeshServices
{
    /// <summary>Image bytes to image-token embeddings.</summary>
    public static readonly MeshService VisionEncoder = new("vision-encoder", "Mesh.VisionEncoder",
        [Contracts.Vision.V1.VisionEncoder.Descriptor], 5010, 5011) { ModelSection = "VisionEncoder" };

    /// <summary>The LLM: streamed generation with traces, knockout and compressed contexts.</summary>
    public static readonly MeshService Decoder = new("decoder", "Mesh.Decoder", [Contracts.Decoder.V1.Decoder.Descriptor], 5020, 5021) { ModelSection = "Decoder" };

    /// <summary>Compressed contexts by id.</summary>
    public static readonly MeshService ContextStore = new("context-store", "Mesh.ContextStore",
        [Contracts.ContextStore.V1.ContextStore.Descriptor], 5030, 5031);

    /// <summary>Scores one description against another.</summary>
    public static readonly MeshService Judge = new("judge", "Mesh.Judge", [Contracts.Judge.V1.Judge.Descriptor], 5040, 5041);

    /// <summary>Object masks and localization scoring.</summary>
    public static readonly MeshService Segmentation = new("segmentation", "Mesh.Segmentation",
        [Contracts.Segmentation.V1.Segmentation.Descriptor], 5050, 5051);

    /// <summary>The YARP gateway in front of the others; it serves no gRPC service of its own.</summary>
    public static readonly MeshService Gateway = new("gateway", "Mesh.Gateway", [], 5000, 5001);

    /// <summary>Default port of the gateway's HTTP/1.1 endpoint for gRPC-Web (browsers) and JSON (curl).</summary>
    public const int GatewayWebPort = 5002;

    /// <summary>The services behind the gateway, in start order (dependencies first: the decoder calls vision and the store).</summary>
    public static IReadOnlyList<MeshService> Backends { get; } = [VisionEncoder, ContextStore, Decoder, Judge, Segmentation];

    /// <summary>The backend named <paramref name="name"/> (ordinal, case-insensitive), or null.</summary>
    public static MeshService? FindBackend(string name) =>
        Backends.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
