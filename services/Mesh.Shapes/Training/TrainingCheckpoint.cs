using System.Text.Json;
using Mesh.Core.Loading;
using TorchSharp;

namespace Mesh.Shapes.Training;

/// <summary>
/// A resumable checkpoint: a folder holding <c>weights.safetensors</c> (every parameter, float32, under its Hugging
/// Face LLaVA name), <c>optimizer.bin</c> (the AdamW moments and step counts in TorchSharp's
/// <c>save_state_dict</c> format, parameters in <see cref="ShapesVlm.NamedParameters"/> order) and <c>state.json</c>
/// (<see cref="TrainingState"/>: steps done, the model and training options, the loss and validation history).
/// The folder is written beside its target and swapped in whole, so an interrupted save leaves the previous one.
/// </summary>
public static class TrainingCheckpoint
{
    public const string WeightsFile = "weights.safetensors", OptimizerFile = "optimizer.bin", StateFile = "state.json";
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void Save(string directory, ShapesVlm model, TorchSharp.Modules.OptimizerHelper optimizer, TrainingState state)
    {
        directory = Path.GetFullPath(directory);
        string staging = directory.TrimEnd('/') + ".saving", previous = directory.TrimEnd('/') + ".previous";
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        SafeTensorsWriter.Write(Path.Combine(staging, WeightsFile), model.NamedParameters().Select(p => (p.Name, (torch.Tensor)p.Parameter)),
            new Dictionary<string, string> { ["format"] = "pt", ["step"] = state.Step.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        optimizer.save_state_dict(Path.Combine(staging, OptimizerFile));
        File.WriteAllText(Path.Combine(staging, StateFile), JsonSerializer.Serialize(state, Json));
        if (Directory.Exists(previous)) Directory.Delete(previous, recursive: true);
        if (Directory.Exists(directory)) Directory.Move(directory, previous);
        Directory.Move(staging, directory);
        if (Directory.Exists(previous)) Directory.Delete(previous, recursive: true);
    }

    /// <summary>The state of the checkpoint in <paramref name="directory"/>; throws when the folder is not a complete checkpoint.</summary>
    public static TrainingState ReadState(string directory)
    {
        foreach (var file in new[] { WeightsFile, OptimizerFile, StateFile })
            if (!File.Exists(Path.Combine(directory, file)))
                throw new FileNotFoundException($"{directory} is not a training checkpoint: {file} is missing (a checkpoint holds {WeightsFile}, {OptimizerFile} and {StateFile})");
        return JsonSerializer.Deserialize<TrainingState>(File.ReadAllText(Path.Combine(directory, StateFile)))
               ?? throw new InvalidDataException($"{Path.Combine(directory, StateFile)} is empty");
    }

    /// <summary>Loads the weights and the optimizer state of <paramref name="directory"/> into <paramref name="model"/> and <paramref name="optimizer"/>.</summary>
    public static void Restore(string directory, ShapesVlm model, TorchSharp.Modules.OptimizerHelper optimizer)
    {
        using (var checkpoint = Checkpoint.Open(Path.Combine(directory, WeightsFile)))
            model.LoadWeights(checkpoint);
        optimizer.load_state_dict(Path.Combine(directory, OptimizerFile));
    }
}
