using System.ComponentModel.DataAnnotations;
using Mesh.Catalog;
using Mesh.Core.Vision;
using Mesh.ServiceDefaults.Hosting;

namespace Mesh.Decoder;

/// <summary>The decoder service's settings, bound from the <c>Decoder</c> section (environment: <c>Decoder__ModelDirectory</c> ...).</summary>
public sealed record DecoderOptions
{
    public const string Section = "Decoder";

    /// <summary>The model directory (docs/design.md section 3); empty means the embedded default model.</summary>
    public string? ModelDirectory { get; init; }

    /// <summary>Where the model runs: auto (CUDA when built with it and present), cpu or cuda.</summary>
    public ExecutionDevice Device { get; init; } = ExecutionDevice.Auto;

    /// <summary>The vision-encoder service (<c>http://host:port</c>); empty means encoding images with the model's own vision.onnx.</summary>
    public string? VisionEncoderAddress { get; init; }

    /// <summary>The context-store service (<c>http://host:port</c>) that Compress writes to and Ask reads from; empty disables both.</summary>
    public string? ContextStoreAddress { get; init; }

    /// <summary>Tokens generated when a request gives no <c>max_tokens</c>.</summary>
    [Range(1, 100_000)]
    public int DefaultMaxTokens { get; init; } = 128;

    /// <summary>The most tokens one request may ask for.</summary>
    [Range(1, 100_000)]
    public int MaxTokensLimit { get; init; } = 1024;

    /// <summary>Most characters of a prompt or question text; longer ones are refused before tokenizing.</summary>
    [Range(1, 1 << 22)]
    public int MaxPromptChars { get; init; } = 32_768;

    /// <summary>Most edges of one knockout.</summary>
    [Range(1, 100_000)]
    public int MaxKnockoutEdges { get; init; } = 256;

    /// <summary>Most entries (layers or ranges) of one layer set, for knockouts and traces.</summary>
    [Range(1, 100_000)]
    public int MaxLayerEntries { get; init; } = 256;

    /// <summary>Most stop token ids one request may add to the model's own.</summary>
    [Range(1, 100_000)]
    public int MaxStopTokenIds { get; init; } = 64;

    /// <summary>Largest chunk of attention-row values per stream message, in bytes (keeps messages far under 4 MB).</summary>
    [Range(1024, 1 << 21)]
    public int RowChunkBytes { get; init; } = 256 << 10;

    /// <summary>
    /// Addresses left empty come from the catalog's <c>MeshServices:{name}</c> keys, which <c>mesh up</c> and deployments
    /// set: added to <paramref name="configuration"/> as the section's own keys before it is bound, so the options stay immutable.
    /// </summary>
    internal static void AddCatalogAddresses(IConfigurationManager configuration)
    {
        var filled = new Dictionary<string, string?>();
        void Fill(string property, MeshService service)
        {
            string key = $"{Section}:{property}";
            if (string.IsNullOrWhiteSpace(configuration[key]) && configuration[ServiceConventions.AddressKey(service)] is { Length: > 0 } address)
                filled[key] = address;
        }
        Fill(nameof(VisionEncoderAddress), MeshServices.VisionEncoder);
        Fill(nameof(ContextStoreAddress), MeshServices.ContextStore);
        if (filled.Count > 0) configuration.AddInMemoryCollection(filled);
    }
}
