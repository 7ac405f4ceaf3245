namespace Mesh.Core.Interp.Contexts;

/// <summary>What a compressed context keeps per layer besides the selected IMAGE tokens.</summary>
public enum ContextContents
{
    /// <summary>PREFIX + selected IMAGE + INSTRUCTION (docs/paper.md section 7).</summary>
    QueryAndImage,

    /// <summary>
    /// The selected IMAGE tokens and the prompt's first position (BOS) when it precedes the image. Position 0
    /// sees only itself, so it carries nothing of the image or the describe run; it stays as the rows' attention sink.
    /// </summary>
    ImageOnly,
}

public static class ContextContentsRules
{
    /// <summary>Whether a context of <paramref name="parts"/> keeps the non-image prompt position <paramref name="position"/>.</summary>
    public static bool KeepsText(this ContextContents parts, TokenGroups groups, long position) => parts switch
    {
        ContextContents.QueryAndImage => groups.Contains(PositionGroup.Query, position),
        ContextContents.ImageOnly => position == 0 && groups.Contains(PositionGroup.Prefix, position),
        _ => throw new ArgumentOutOfRangeException(nameof(parts), parts, "unknown context parts"),
    };

    /// <summary>
    /// Throws <see cref="ArgumentException"/> for an unknown value, and for an image-only context that would keep no image
    /// token (floor(K * N) = 0): it would hold the first position alone.
    /// </summary>
    internal static void CheckFits(this ContextContents parts, double k, int imageTokens)
    {
        if (!Enum.IsDefined(parts))
            throw new ArgumentException($"unknown context parts {(int)parts}; allowed: {string.Join(", ", Enum.GetNames<ContextContents>())}");
        if (parts == ContextContents.ImageOnly && ImageSelection.KeepCount(k, imageTokens) == 0)
            throw new ArgumentException(
                $"an image-only context needs at least one image token, but k = {k} keeps floor(k * {imageTokens}) = 0; use k >= 1/{imageTokens}");
    }
}
