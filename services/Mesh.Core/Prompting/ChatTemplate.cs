using Mesh.Core.Loading;

namespace Mesh.Core.Prompting;

/// <summary>
/// How an instruction and an image become prompt text: <see cref="Template"/> holds <c>{image}</c> and
/// <c>{prompt}</c> (for example LLaVA-1.5's <c>USER: {image}\n{prompt} ASSISTANT:</c>); text before the
/// image is the PREFIX group, text after it the INSTRUCTION group. <see cref="FollowUp"/> frames a later
/// question appended to an existing context.
/// </summary>
public sealed record ChatTemplate(string Template, string FollowUp)
{
    public const string ImagePlaceholder = "{image}";
    public const string PromptPlaceholder = "{prompt}";

    /// <summary>LLaVA-1.5 (Vicuna v1) conversation format.</summary>
    public static ChatTemplate Llava15 { get; } = new("USER: {image}\n{prompt} ASSISTANT:", "</s>USER: {prompt} ASSISTANT:");

    /// <summary>The template in the config's <c>mesh</c> section, else LLaVA-1.5's.</summary>
    public static ChatTemplate For(ModelConfig config)
    {
        var mesh = config.Mesh;
        string? template = Text(mesh, "chat_template"), followUp = Text(mesh, "follow_up_template");
        var chosen = new ChatTemplate(template ?? Llava15.Template, followUp ?? Llava15.FollowUp);
        chosen.Validate();
        return chosen;
    }

    static string? Text(System.Text.Json.Nodes.JsonObject? mesh, string key) => mesh?[key] switch
    {
        null => null,
        System.Text.Json.Nodes.JsonValue value when value.TryGetValue<string>(out var text) => text,
        var other => throw new ModelConfigException($"mesh.{key} must be a string, found {other.ToJsonString()}"),
    };

    public void Validate()
    {
        if (!Template.Contains(PromptPlaceholder) || CountOf(Template, ImagePlaceholder) > 1)
            throw new ModelConfigException($"chat template must contain {PromptPlaceholder} and at most one {ImagePlaceholder}: '{Template}'");
        if (!FollowUp.Contains(PromptPlaceholder))
            throw new ModelConfigException($"follow-up template must contain {PromptPlaceholder}: '{FollowUp}'");
    }

    /// <summary>Prompt text before and after the image for <paramref name="instruction"/> (Before is all of it without an image).</summary>
    public (string Before, string After) Render(string instruction)
    {
        // Split the template before filling it in: "{image}" typed by the user is text, not the image.
        int at = Template.IndexOf(ImagePlaceholder, StringComparison.Ordinal);
        return at < 0
            ? (Fill(Template, instruction), "")
            : (Fill(Template[..at], instruction), Fill(Template[(at + ImagePlaceholder.Length)..], instruction));
    }

    static string Fill(string part, string instruction) => part.Replace(PromptPlaceholder, instruction);

    static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
