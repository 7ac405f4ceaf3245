using System.Text.Json;
using System.Text.Json.Nodes;
using Mesh.Core.Loading;
using Mesh.Core.Prompting;

namespace Mesh.Import;

/// <summary>
/// The imported <c>config.json</c>: the Hugging Face config as it was, plus the <c>mesh</c> section (chat and
/// follow-up templates of the model's family, the image grid). Templates already in a <c>mesh</c> section are kept.
/// </summary>
internal static class ImportedConfig
{
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(LlavaSource source, ChatTemplateFamily family, SafeTensorDType? weightsDType, string path)
    {
        var root = (JsonObject)source.RawConfig.DeepClone();
        var mesh = root["mesh"] as JsonObject ?? new JsonObject();
        if (mesh["chat_template"] is null && mesh["follow_up_template"] is null)
        {
            mesh["chat_template"] = family.Template.Template;
            mesh["follow_up_template"] = family.Template.FollowUp;
            mesh["template_family"] = family.Name;
        }
        int side = source.Config.Vision!.GridSide;
        mesh["image_grid"] = new JsonArray(side, side);
        root["mesh"] = mesh;
        if (weightsDType is { } dtype) root["torch_dtype"] = TorchDTypeName(dtype);

        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, root.ToJsonString(Indented));
        try
        {
            // What the loader will read: a config it accepts, with templates it accepts.
            ChatTemplate.For(ModelConfig.Load(temporary));
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    static string TorchDTypeName(SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.F32 => "float32",
        SafeTensorDType.F16 => "float16",
        SafeTensorDType.BF16 => "bfloat16",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };
}
