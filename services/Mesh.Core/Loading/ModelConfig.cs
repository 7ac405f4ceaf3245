using System.Text.Json.Nodes;

namespace Mesh.Core.Loading;

/// <summary>
/// A model directory's <c>config.json</c>: a LLaVA model (decoder, vision tower, projector, image-token
/// convention) or a text-only LLaMA-family model. Vision fields are null for text-only models.
/// </summary>
public sealed record ModelConfig
{
    public required string ModelType { get; init; }
    public required TextConfig Text { get; init; }
    public VisionConfig? Vision { get; init; }
    /// <summary>The token id whose positions the projector output fills.</summary>
    public int? ImageTokenIndex { get; init; }
    /// <summary>Positions one image occupies in the prompt.</summary>
    public int ImageSeqLength { get; init; }
    public int VisionFeatureLayer { get; init; } = -2;
    /// <summary><c>default</c> drops the CLS row, <c>full</c> keeps it.</summary>
    public string VisionFeatureSelectStrategy { get; init; } = "default";
    public string ProjectorHiddenAct { get; init; } = "gelu";
    /// <summary>Mesh's own section (templates, grid, scene vocabulary), kept as JSON for the layers that read it.</summary>
    public JsonObject? Mesh { get; init; }

    public bool IsMultimodal => Vision is not null;

    public static ModelConfig Load(string path)
    {
        if (Directory.Exists(path)) path = System.IO.Path.Combine(path, "config.json");
        if (!File.Exists(path)) throw new ModelConfigException($"Model config not found: {path}");
        string json;
        try { json = File.ReadAllText(path); }
        catch (IOException e) { throw new ModelConfigException($"Cannot read model config {path}: {e.Message}", e); }
        return Parse(json, path);
    }

    /// <summary>Parses config JSON; <paramref name="source"/> names it in errors.</summary>
    public static ModelConfig Parse(string json, string source = "config.json")
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject
                   ?? throw new ModelConfigException($"{source}: the config is not a JSON object");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ModelConfigException($"{source}: invalid JSON: {e.Message}", e);
        }
        try
        {
            return HfConfigReader.Read(root);
        }
        catch (ModelConfigException e)
        {
            throw new ModelConfigException($"{source}: {e.Message}", e);
        }
    }
}
