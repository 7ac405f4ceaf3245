using System.ComponentModel.DataAnnotations;

namespace Mesh.ServiceDefaults.Grpc;

/// <summary>
/// The one place gRPC message sizes are set (protos/README.md, docs/design.md section 7), bound from the
/// <c>GrpcLimits</c> section. Defaults keep every message under gRPC's 4 MiB default; bulk payloads are
/// streamed in chunks of <see cref="ChunkBytes"/>.
/// </summary>
public sealed record GrpcLimitsOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "GrpcLimits";

    /// <summary>gRPC's default message limit, 4 MiB.</summary>
    public const int GrpcDefaultMessageBytes = 4 * 1024 * 1024;

    // Room for a chunk message's own fields and framing.
    const int ChunkEnvelopeBytes = 1024;

    /// <summary>Largest message a service accepts; larger ones are refused with RESOURCE_EXHAUSTED.</summary>
    [Range(64 * 1024, 256 * 1024 * 1024)]
    public int MaxReceiveMessageBytes { get; init; } = GrpcDefaultMessageBytes;

    /// <summary>Largest message a service sends.</summary>
    [Range(64 * 1024, 256 * 1024 * 1024)]
    public int MaxSendMessageBytes { get; init; } = GrpcDefaultMessageBytes;

    /// <summary>Largest data slice of a chunked stream (embeddings, contexts, attention rows).</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int ChunkBytes { get; init; } = 1024 * 1024;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        int roomy = Math.Min(MaxReceiveMessageBytes, MaxSendMessageBytes) - ChunkEnvelopeBytes;
        if (ChunkBytes > roomy)
            yield return new ValidationResult(
                $"GrpcLimits:ChunkBytes {ChunkBytes} does not fit in a message: at most {roomy} with these message limits.",
                [nameof(ChunkBytes)]);
    }
}
