using Mesh.ContextStore.Storage;
using Mesh.Contracts.ContextStore.V1;
using Mesh.ServiceDefaults.Grpc;
using Microsoft.Extensions.Options;

namespace Mesh.ContextStore.Grpc;

/// <summary>Checks a Put's header against the store's limits (context_store.proto); INVALID_ARGUMENT names the field and the limit.</summary>
public sealed class PutHeaderValidator(IOptions<ContextStoreOptions> options)
{
    /// <summary>Most labels per entry, and the longest key and value (context_store.proto).</summary>
    public const int MaxLabels = 64, MaxLabelKeyChars = 256, MaxLabelValueChars = 4096;

    /// <summary>Longest model id or format.</summary>
    public const int MaxNameChars = 256;

    /// <summary>The entry the header asks for, with the TTL resolved.</summary>
    public NewEntry Validate(PutHeader header)
    {
        var limits = options.Value;
        if (header.SizeBytes <= 0)
            RpcErrors.InvalidArgument("header.size_bytes", $"header.size_bytes is {header.SizeBytes}; a blob has at least 1 byte.");
        if (header.SizeBytes > limits.MaxEntryBytes)
            RpcErrors.InvalidArgument("header.size_bytes",
                $"header.size_bytes {header.SizeBytes} is over the store's largest entry of {limits.MaxEntryBytes} bytes (ContextStore:MaxEntryBytes).");
        if (!Sha256Hex.IsValid(header.Sha256))
            RpcErrors.InvalidArgument("header.sha256", "header.sha256 must be the blob's SHA-256 as 64 lowercase hex characters.");

        var metadata = header.Metadata ?? new ContextMetadata();
        CheckLength(metadata.ModelId, MaxNameChars, "header.metadata.model_id");
        CheckLength(metadata.Format, MaxNameChars, "header.metadata.format");
        if (metadata.Labels.Count > MaxLabels)
            RpcErrors.InvalidArgument("header.metadata.labels", $"header.metadata.labels has {metadata.Labels.Count} labels; at most {MaxLabels} are allowed.");
        foreach (var (key, value) in metadata.Labels)
        {
            CheckLength(key, MaxLabelKeyChars, "header.metadata.labels");
            CheckLength(value, MaxLabelValueChars, $"header.metadata.labels[{key}]");
        }
        return new NewEntry(metadata, header.SizeBytes, header.Sha256, Ttl(header, limits));
    }

    static TimeSpan Ttl(PutHeader header, ContextStoreOptions limits)
    {
        if (header.Ttl is null) return limits.DefaultTtl;
        double seconds = header.Ttl.Seconds + header.Ttl.Nanos / 1e9;
        if (seconds <= 0)
            RpcErrors.InvalidArgument("header.ttl", $"header.ttl is {seconds} s; it must be positive, or unset for the default of {limits.DefaultTtl}.");
        if (seconds > limits.MaxTtl.TotalSeconds)
            RpcErrors.InvalidArgument("header.ttl", $"header.ttl of {seconds} s is over the store's longest TTL of {limits.MaxTtl} (ContextStore:MaxTtl).");
        return TimeSpan.FromSeconds(seconds);
    }

    static void CheckLength(string text, int max, string field)
    {
        if (text.Length > max) RpcErrors.InvalidArgument(field, $"{field} is {text.Length} characters long; at most {max} are allowed.");
    }
}
