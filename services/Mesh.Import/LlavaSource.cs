using System.Text.Json.Nodes;
using Mesh.Core.Loading;

namespace Mesh.Import;

/// <summary>A Hugging Face LLaVA folder opened for import: its raw and parsed config, and its checkpoint.</summary>
internal sealed class LlavaSource : IDisposable
{
    public const string SupportedModelType = "llava";

    LlavaSource(string directory, JsonObject raw, ModelConfig config, Checkpoint checkpoint)
    {
        Directory = directory;
        RawConfig = raw;
        Config = config;
        Checkpoint = checkpoint;
        Layout = LlavaKeyLayout.Detect(checkpoint);
    }

    public string Directory { get; }
    public JsonObject RawConfig { get; }
    public ModelConfig Config { get; }
    public Checkpoint Checkpoint { get; }
    public LlavaLayout Layout { get; }

    /// <exception cref="ModelConfigException">No config, or a model type or part Mesh does not support (named).</exception>
    public static LlavaSource Open(string directory)
    {
        directory = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(directory)) throw new DirectoryNotFoundException($"{directory}: no such folder");
        string path = Path.Combine(directory, "config.json");
        if (!File.Exists(path)) throw new ModelConfigException($"{directory}: no config.json (a Hugging Face LLaVA folder has one)");
        JsonObject raw;
        try
        {
            raw = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new ModelConfigException($"{path}: the config is not a JSON object");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ModelConfigException($"{path}: invalid JSON: {e.Message}", e);
        }
        string type = raw["model_type"] is JsonValue v && v.TryGetValue<string>(out var t) ? t : "(none)";
        if (type != SupportedModelType)
            throw new ModelConfigException(
                $"{path}: model_type '{type}' is not supported by mesh import; supported: '{SupportedModelType}' " +
                "(LlavaForConditionalGeneration with a clip_vision_model vision_config and a llama or qwen2 text_config)");
        var config = ModelConfig.Parse(raw.ToJsonString(), path);
        var checkpoint = Checkpoint.Open(directory);
        return new LlavaSource(directory, raw, config, checkpoint);
    }

    /// <summary>The source name of the tensor Mesh names <paramref name="legacy"/>.</summary>
    public string SourceName(string legacy) => LlavaKeyLayout.ToSource(legacy, Layout);

    /// <summary>The decoder tensors, legacy-named, after checking each one's presence and shape in the checkpoint.</summary>
    public IReadOnlyList<(string Name, long[] Shape)> CheckedDecoderTensors()
    {
        var tensors = DecoderTensorShapes.For(Config.Text).Select(t => (DecoderWeights.LlavaPrefix + t.Name, t.Shape)).ToList();
        foreach (var (name, shape) in tensors)
            ModuleWeights.Check(Checkpoint, SourceName(name), shape);
        return tensors;
    }

    public void Dispose() => Checkpoint.Dispose();
}
