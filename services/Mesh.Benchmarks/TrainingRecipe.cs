using System.Text.Json;
using System.Text.Json.Nodes;
using Mesh.Core.Loading;
using Mesh.Shapes.Scenes;
using Mesh.Shapes.Training;

namespace Mesh.Benchmarks;

/// <summary>
/// The architecture and training options a Shapes model directory records in its config.json (the llava layout and
/// <c>mesh.training</c>, as <see cref="ShapesModelWriter"/> writes them), so that the training benchmark times the
/// recipe that made the model.
/// </summary>
public sealed record TrainingRecipe(ShapesModelOptions Model, TrainingOptions Options)
{
    /// <summary>
    /// Reads the recipe: the architecture through <see cref="ModelConfig"/>, the options from <c>mesh.training</c>;
    /// <see cref="InvalidDataException"/> names what is missing or malformed.
    /// </summary>
    public static TrainingRecipe Read(string modelDirectory)
    {
        string path = Path.Combine(modelDirectory, "config.json");
        if (!File.Exists(path)) throw new FileNotFoundException($"no config.json in {modelDirectory}", path);
        try
        {
            return Parse(ModelConfig.Load(path), path);
        }
        catch (Exception e) when (e is ModelConfigException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException(e.Message.Contains(path) ? e.Message : $"{path}: {e.Message}", e);
        }
    }

    static TrainingRecipe Parse(ModelConfig config, string path)
    {
        var training = config.Mesh?["training"]
            ?? throw new InvalidDataException($"{path} records no training run (mesh.training): not a model `mesh train` wrote");
        var vision = config.Vision ?? throw new InvalidDataException($"{path} has no vision_config");
        var text = config.Text;
        var model = new ShapesModelOptions
        {
            ImageSize = vision.ImageSize, PatchSize = vision.PatchSize, VisionHidden = vision.HiddenSize,
            VisionIntermediate = vision.IntermediateSize, VisionLayers = vision.NumHiddenLayers, VisionHeads = vision.NumAttentionHeads,
            TextHidden = text.HiddenSize, TextIntermediate = text.IntermediateSize, TextLayers = text.NumHiddenLayers,
            TextHeads = text.NumAttentionHeads, TextKvHeads = text.NumKeyValueHeads, MaxPositions = text.MaxPositionEmbeddings,
            TieWordEmbeddings = text.TieWordEmbeddings,
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
