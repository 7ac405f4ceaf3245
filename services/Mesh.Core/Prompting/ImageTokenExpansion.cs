namespace Mesh.Core.Prompting;

/// <summary>
/// The two LLaVA image-token conventions: a prompt holding <c>image_seq_length</c> copies of the image
/// token (what the HF processor writes), or the legacy single image token, which is expanded here to
/// the same sequence. One image per prompt.
/// </summary>
public static class ImageTokenExpansion
{
    public static PromptLayout Expand(IReadOnlyList<long> ids, long imageTokenIndex, int imageSeqLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageSeqLength);
        var found = Enumerable.Range(0, ids.Count).Where(i => ids[i] == imageTokenIndex).ToArray();
        if (found.Length == 0) return PromptLayout.TextOnly(ids.ToArray());
        if (found.Length == 1)
        {
            int at = found[0];
            var expanded = ids.Take(at).Concat(Enumerable.Repeat(imageTokenIndex, imageSeqLength)).Concat(ids.Skip(at + 1)).ToArray();
            return new PromptLayout(expanded, at, at + imageSeqLength);
        }
        if (found.Length == imageSeqLength && found[^1] - found[0] == imageSeqLength - 1)
            return new PromptLayout(ids.ToArray(), found[0], found[0] + imageSeqLength);
        throw new ArgumentException(
            $"the prompt holds {found.Length} image tokens ({imageTokenIndex}); allowed: one (expanded here) or " +
            $"{imageSeqLength} consecutive ones (one image)");
    }
}
