namespace Mesh.Judging.Llm;

/// <summary>
/// The paper's protocol (docs/paper.md section 4) as chat messages: a system message with the four steps and three
/// worked examples (the embedded <c>judge-prompt.md</c>, above its <c>----- user -----</c> line) and a user
/// message holding the two texts.
/// </summary>
public static class JudgePrompt
{
    const string ResourceName = "Mesh.Judging.Llm.judge-prompt.md";
    const string UserMarker = "----- user -----";

    static readonly Lazy<(string System, string User)> Template = new(Load);

    /// <summary>The system message: the protocol and its worked examples.</summary>
    public static string System => Template.Value.System;

    /// <summary>The user message for one pair.</summary>
    public static string User(string reference, string candidate) =>
        Template.Value.User.Replace("{{reference}}", OneLine(reference)).Replace("{{candidate}}", OneLine(candidate));

    // The texts are framed by labels on their own lines; a newline inside one must not start a new label.
    static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    static (string, string) Load()
    {
        using var stream = typeof(JudgePrompt).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Mesh.Core was built without its {ResourceName} resource");
        string text = new StreamReader(stream).ReadToEnd();
        int split = text.IndexOf(UserMarker, StringComparison.Ordinal);
        if (split < 0) throw new InvalidOperationException($"{ResourceName} has no '{UserMarker}' line");
        return (text[..split].Trim(), text[(split + UserMarker.Length)..].Trim());
    }
}
