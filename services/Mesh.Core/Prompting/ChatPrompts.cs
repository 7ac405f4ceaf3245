using Mesh.Core.Tokenization;

namespace Mesh.Core.Prompting;

/// <summary>
/// Token ids of chat-templated prompts without a loaded model, laid out as <c>VisionLanguageModel.BuildPrompt</c>
/// does: BOS, the template's text before the image, the image span, the text after it.
/// </summary>
public static class ChatPrompts
{
    /// <summary>
    /// The prompt for <paramref name="instruction"/>; with an <paramref name="imageTokenId"/> the image span holds
    /// <paramref name="imageSeqLength"/> copies of it, without one the template's two parts join with no image.
    /// </summary>
    public static PromptLayout Build(ITextTokenizer tokenizer, ChatTemplate template, string instruction, long? imageTokenId, int imageSeqLength)
    {
        var (before, after) = template.Render(instruction);
        var prefix = Ids(tokenizer.Encode(before, addBos: true));
        var suffix = Ids(tokenizer.Encode(after, addBos: false));
        if (imageTokenId is not { } image)
            return PromptLayout.TextOnly([.. prefix, .. suffix]);
        return ImageTokenExpansion.Expand([.. prefix, image, .. suffix], image, imageSeqLength);
    }

    /// <summary>The ids of a follow-up question (<see cref="ChatTemplate.FollowUp"/>), appended after an earlier prompt; no BOS.</summary>
    public static long[] FollowUp(ITextTokenizer tokenizer, ChatTemplate template, string question) =>
        Ids(tokenizer.Encode(template.FollowUp.Replace(ChatTemplate.PromptPlaceholder, question), addBos: false));

    static long[] Ids(IReadOnlyList<int> ids) => [.. ids.Select(i => (long)i)];
}
