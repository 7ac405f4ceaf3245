namespace Mesh.Core.Interp.Contexts;

/// <summary>What a compressed context keeps per layer besides the selected IMAGE tokens.</summary>
public enum ContextParts
{
    /// <summary>PREFIX + selected IMAGE + INSTRUCTION (docs/paper.md section 7).</summary>
    QueryAndImage,

    /// <summary>
    /// The selected IMAGE tokens and the prompt's first position (BOS) when it precedes the image. Position 0
    /// sees only itself, so it carries nothing of the image or the describe run; it stays as the rows' attention sink.
    /// </summary>
    ImageOnly,
}

public static class ContextPartsRules
{
    /// <summary>Whether a context of <paramref name="parts"/> keeps the non-image prompt position <paramref name="position"/>.</summary>
    public static bool KeepsText(this ContextParts parts, TokenGroups groups, long position) => parts switch
    {
        ContextParts.QueryAndImage => groups.Contains(TokenGroup.Query, position),
        ContextParts.ImageOnly => position == 0 && groups.Contains(TokenGroup.Prefix, position),
        _ => throw new ArgumentOutOfRangeException(nameof(parts), parts, "unknown context parts"),
    };

    /// <summary>
    /// Throws <see cref="ArgumentException"/> for an unknown value, and for an image-only context that would keep no image
    /// token (floor(K * N) = 0): it would hold the first position alone.
    /// </summary>
    public static void Validate(this ContextParts parts, double k, int imageTokens)
    {
        if (!Enum.IsDefined(parts))
            throw new ArgumentException($"unknown context parts {(int)parts}; allowed: {string.Join(", ", Enum.GetNames<ContextParts>())}");
        if (parts == ContextParts.ImageOnly && ImageSelection.KeepCount(k, imageTokens) == 0)
            throw new ArgumentException(
                $"an image-only context needs at least one image token, but k = {k} keeps floor(k * {imageTokens}) = 0; use k >= 1/{imageTokens}");
    }
}
