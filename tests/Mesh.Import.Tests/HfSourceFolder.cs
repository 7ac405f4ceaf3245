using System.Text.Json.Nodes;
using Mesh.Core.Loading;
using static TorchSharp.torch;

namespace Mesh.Import.Tests;

/// <summary>
/// A Hugging Face LLaVA folder made from the tiny-llava fixture, with its checkpoint edited: tensors renamed,
/// dropped or replaced, and the config edited. The fixture itself stays untouched.
/// </summary>
internal static class HfSourceFolder
{
    static readonly string[] SideFiles = ["config.json", "preprocessor_config.json", "generation_config.json"];

    public static TempDirectory Create(Func<string, string?>? rename = null, (string Name, long[] Shape)? reshape = null,
                                       Action<JsonObject>? editConfig = null, ScalarType? dtype = null)
    {
        var dir = new TempDirectory();
        foreach (var file in SideFiles) File.Copy(Path.Combine(TestPaths.TinyLlava, file), dir.File(file));
        if (editConfig is not null)
        {
            var config = JsonNode.Parse(File.ReadAllText(dir.File("config.json")))!.AsObject();
            editConfig(config);
            File.WriteAllText(dir.File("config.json"), config.ToJsonString());
        }
        using var checkpoint = Checkpoint.Open(TestPaths.TinyLlava);
        var tensors = new List<(string, Tensor)>();
        try
        {
            foreach (var name in checkpoint.Names)
            {
                if ((rename is null ? name : rename(name)) is not { } target) continue;
                tensors.Add((target, reshape is { } r && r.Name == name ? randn(r.Shape) : checkpoint.LoadTensor(name, dtype)));
            }
            SafeTensorsWriter.Write(dir.File(Checkpoint.SingleFileName), tensors);
        }
        finally
        {
            foreach (var (_, tensor) in tensors) tensor.Dispose();
        }
        return dir;
    }

    /// <summary>transformers 4.52+ names for a legacy name.</summary>
    public static string Nested(string legacy) =>
        legacy.StartsWith("language_model.model.") ? "model.language_model." + legacy["language_model.model.".Length..]
        : legacy.StartsWith("language_model.lm_head.") ? legacy["language_model.".Length..]
        : "model." + legacy;
}
