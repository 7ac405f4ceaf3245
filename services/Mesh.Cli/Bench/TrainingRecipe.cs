using System.Text.Json;
using System.Text.Json.Nodes;
using Mesh.Core.Scenes;
using Mesh.Core.Training;

namespace Mesh.Cli.Bench;

/// <summary>
/// The architecture and training options a Shapes model directory records in its config.json (the llava layout and
/// <c>mesh.training</c>, as <see cref="ShapesModelWriter"/> writes them), so that the training benchmark times the
/// recipe that made the model.
/// </summary>
public sealed record TrainingRecipe(ShapesModelOptions Model, TrainingOptions Options)
{
    /// <summary>Reads the recipe; <see cref="InvalidDataException"/> names what is missing or malformed.</summary>
    public static TrainingRecipe Read(string modelDirectory)
    {
        string path = Path.Combine(modelDirectory, "config.json");
        if (!File.Exists(path)) throw new FileNotFoundException($"no config.json in {modelDirectory}", path);
        try
        {
            return Parse(JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException("the file is JSON null"), path);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    static TrainingRecipe Parse(JsonNode config, string path)
    {
        var training = config["mesh"]?["training"]
            ?? throw new InvalidDataException($"{path} records no training run (mesh.training): not a model `mesh train` wrote");
        var text = Required(config, "text_config", path);
        var vision = Required(config, "vision_config", path);
        var model = new ShapesModelOptions
        {
            ImageSize = Value<int>(vision, "image_size", path), PatchSize = Value<int>(vision, "patch_size", path),
            VisionHidden = Value<int>(vision, "hidden_size", path), VisionIntermediate = Value<int>(vision, "intermediate_size", path),
            VisionLayers = Value<int>(vision, "num_hidden_layers", path), VisionHeads = Value<int>(vision, "num_attention_heads", path),
            TextHidden = Value<int>(text, "hidden_size", path), TextIntermediate = Value<int>(text, "intermediate_size", path),
            TextLayers = Value<int>(text, "num_hidden_layers", path), TextHeads = Value<int>(text, "num_attention_heads", path),
            TextKvHeads = Value<int>(text, "num_key_value_heads", path), MaxPositions = Value<int>(text, "max_position_embeddings", path),
            TieWordEmbeddings = text["tie_word_embeddings"]?.GetValue<bool>() ?? false,
        };
        var mix = Required(training, "mix", path);
        var options = new TrainingOptions
        {
            Steps = Value<int>(training, "steps", path), BatchSize = Value<int>(training, "batch_size", path),
            LearningRate = Value<double>(training, "learning_rate", path), WarmupSteps = Value<int>(training, "warmup_steps", path),
            Seed = Value<ulong>(training, "seed", path), PatchWordWeight = training["patch_word_weight"]?.GetValue<double>() ?? 0,
            PatchWordTarget = Enum.Parse<PatchWordTarget>(training["patch_word_target"]?.GetValue<string>() ?? nameof(PatchWordTarget.Readout), ignoreCase: true),
            PatchCellWords = training["patch_cell_words"]?.GetValue<bool>() ?? false,
            TextOnlySteps = training["text_only_steps"]?.GetValue<int>() ?? 0,
            LengthGroupSteps = training["length_group_steps"]?.GetValue<int>() ?? 0,
            TargetAveraging = Enum.Parse<TargetAveraging>(training["target_averaging"]?.GetValue<string>() ?? nameof(TargetAveraging.Token), ignoreCase: true),
            Mix = TrainingMixOptions.From(kind => mix[JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString())]?.GetValue<double>() ?? 0),
        };
        model.Validate();
        options.Validate();
        return new TrainingRecipe(model, options);
    }

    static JsonNode Required(JsonNode node, string name, string path) =>
        node[name] ?? throw new InvalidDataException($"{path} has no {name}");

    static T Value<T>(JsonNode node, string name, string path) => Required(node, name, path).GetValue<T>();
}
