using Mesh.Core.Prompting;
using Mesh.Core.Tokenization;

namespace Mesh.Shapes.Scenes;

/// <summary>
/// The word-level vocabulary of the Shapes model: the special tokens (ids 0-4), then the words of the chat
/// template in order of appearance, then every word of the world's texts (<see cref="SceneWords.All"/>) in
/// ordinal order. Stored as a standard WordLevel <c>tokenizer.json</c> with the <c>Whitespace</c> pre-tokenizer.
/// </summary>
public static class ShapesVocabulary
{
    public const string Pad = "<pad>", Bos = "<s>", Eos = "</s>", Unk = "<unk>", Image = "<image>";

    /// <summary><see cref="Pad"/>, <see cref="Bos"/>, <see cref="Eos"/>, <see cref="Unk"/>, <see cref="Image"/>: ids 0 to 4.</summary>
    public static IReadOnlyList<string> Special { get; } = [Pad, Bos, Eos, Unk, Image];

    /// <summary>The tokens, id = position, for scenes of <paramref name="options"/> framed by <paramref name="template"/>.</summary>
    public static IReadOnlyList<string> Tokens(SceneOptions options, ChatTemplate template)
    {
        var tokens = new List<string>(Special);
        foreach (var word in TemplateWords(template).Concat(SceneWords.All(options.MaxObjects).Order(StringComparer.Ordinal)))
            if (!tokens.Contains(word))
                tokens.Add(word);
        return tokens;
    }

    /// <summary>The id of <see cref="Image"/>, the model's <c>image_token_index</c>.</summary>
    public static int ImageTokenId { get; } = Special.ToList().IndexOf(Image);

    /// <summary>Writes <c>tokenizer.json</c> and <c>tokenizer_config.json</c> into <paramref name="directory"/>; returns the vocabulary size.</summary>
    public static int Write(string directory, SceneOptions options, ChatTemplate template)
    {
        var tokens = Tokens(options, template);
        WordLevelTokenizerWriter.Write(directory, tokens, new WordLevelTokenizerWriter.SpecialTokens(Unk, Bos, Eos, Pad, [Image]));
        return tokens.Count;
    }

    // The template's text without its placeholders and special tokens (the follow-up starts with "</s>").
    static IEnumerable<string> TemplateWords(ChatTemplate template)
    {
        string text = $"{template.Template} {template.FollowUp}"
            .Replace(ChatTemplate.ImagePlaceholder, " ").Replace(ChatTemplate.PromptPlaceholder, " ");
        foreach (var special in Special)
            text = text.Replace(special, " ");
        return WordLevelTokenizerWriter.PreTokenize(text);
    }
}
