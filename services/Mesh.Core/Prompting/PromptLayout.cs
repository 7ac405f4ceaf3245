namespace Mesh.Core.Prompting;

/// <summary>
/// A prompt after image-token expansion: <c>[prefix][image x N][instruction]</c>. The image span is
/// [<see cref="ImageStart"/>, <see cref="ImageEnd"/>); generation starts at <see cref="Length"/>.
/// </summary>
public sealed record PromptLayout(long[] InputIds, int ImageStart, int ImageEnd)
{
    public int Length => InputIds.Length;
    public int ImageTokenCount => ImageEnd - ImageStart;
    public bool HasImage => ImageEnd > ImageStart;
    /// <summary>Positions 0 .. Length-1.</summary>
    public long[] Positions() => Enumerable.Range(0, Length).Select(i => (long)i).ToArray();

    /// <summary>A text-only prompt (no image span).</summary>
    public static PromptLayout TextOnly(long[] ids) => new(ids, 0, 0);
}
