using System.Text.Json;
using System.Text.Json.Nodes;
using Mesh.Core.Loading;
using Mesh.Import.Onnx;
using Mesh.Shapes.Scenes;
using static TorchSharp.torch;

namespace Mesh.Shapes.Training;

/// <summary>
/// Writes a trained Shapes model as a model directory (docs/design.md section 3): config.json (llava layout with the
/// <c>mesh</c> section, the training run recorded under <c>mesh.training</c>), model.safetensors (every parameter,
/// vision tower included, float32, Hugging Face names), vision.onnx from <see cref="VisionOnnxEmitter"/>,
/// preprocessor_config.json, tokenizer.json and tokenizer_config.json.
/// </summary>
public static class ShapesModelWriter
{
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(ShapesTrainer trainer, string directory)
    {
        Directory.CreateDirectory(directory);
        var world = trainer.World;
        var config = trainer.ModelOptions.ConfigJson(world.Vocabulary, world.Template, world.Scenes);
        var options = trainer.Options;
        ((JsonObject)config["mesh"]!)["training"] = new JsonObject
        {
            ["steps"] = trainer.NextStep, ["batch_size"] = options.BatchSize, ["learning_rate"] = options.LearningRate,
            ["warmup_steps"] = options.WarmupSteps, ["seed"] = options.Seed, ["training_seconds"] = Math.Round(trainer.TrainingSeconds),
            ["parameters"] = trainer.Model.ParameterCount, ["patch_word_weight"] = options.PatchWordWeight,
            ["patch_word_target"] = options.PatchWordTarget.ToString().ToLowerInvariant(), ["patch_cell_words"] = options.PatchCellWords,
            ["text_only_steps"] = options.TextOnlySteps, ["length_group_steps"] = options.LengthGroupSteps,
            ["target_averaging"] = options.TargetAveraging.ToString().ToLowerInvariant(),
            ["mix"] = new JsonObject(Enum.GetValues<SampleKind>().Select(kind =>      // FollowUp -> "follow_up"
                KeyValuePair.Create(JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString()), (JsonNode?)options.Mix.Weight(kind)))),
        };
        File.WriteAllText(Path.Combine(directory, "config.json"), config.ToJsonString(Indented));
        using (no_grad())
            SafeTensorsWriter.Write(Path.Combine(directory, Checkpoint.SingleFileName),
                trainer.Model.NamedParameters().Select(p => (p.Name, (Tensor)p.Parameter.detach())),
                new Dictionary<string, string> { ["format"] = "pt" });
        VisionOnnxEmitter.Write(trainer.Model.Encoder, Path.Combine(directory, "vision.onnx"));
        File.WriteAllText(Path.Combine(directory, "preprocessor_config.json"), world.PreprocessorJson());
        ShapesVocabulary.Write(directory, world.Scenes, world.Template);
    }
}
