using System.Text.RegularExpressions;

namespace Mesh.Judging.Llm;

/// <summary>
/// Object names as a model writes them in a list: trimmed of quotes, markdown and full stops, lower case; "none"
/// and its kin mean an empty list; a matched pair may be written "man ~ person", "man = person", "man -> person"
/// or "man (person)". Non-pairs are kept as a pair of the name with itself.
/// </summary>
internal static partial class ReplyItems
{
    static readonly HashSet<string> Empty = new(["none", "nothing", "n/a", "na", "-", "—", "empty", "no objects", "nil", "null"], StringComparer.Ordinal);

    /// <summary>The items of a comma- or semicolon-separated list (brackets around it are dropped).</summary>
    public static IEnumerable<ObjectPair> FromList(string text)
    {
        string inner = text.Trim().Trim('[', ']', '{', '}');
        return inner.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries).Select(Pair).OfType<ObjectPair>();
    }

    /// <summary>One item as a pair, or null when it is empty or says "none".</summary>
    public static ObjectPair? Pair(string item)
    {
        var arrow = PairPattern().Match(item);
        if (arrow.Success && Clean(arrow.Groups["a"].Value) is { } a && Clean(arrow.Groups["b"].Value) is { } b)
            return new ObjectPair(a, b);
        return Clean(item) is { } name ? new ObjectPair(name, name) : null;
    }

    /// <summary>A pair from its two names, or null when either is empty.</summary>
    public static ObjectPair? Pair(string? reference, string? candidate) =>
        Clean(reference ?? "") is { } a && Clean(candidate ?? "") is { } b ? new ObjectPair(a, b) : null;

    /// <summary>The name, cleaned, or null when nothing is left or it says "none".</summary>
    public static string? Clean(string name)
    {
        string cleaned = name.Trim().Trim('"', '\'', '`', '*', '_', '.', ' ', '\t').ToLowerInvariant();
        cleaned = string.Join(' ', cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return cleaned.Length == 0 || Empty.Contains(cleaned) ? null : cleaned;
    }

    [GeneratedRegex(@"^\s*(?<a>[^~=(→↔]+?)\s*(?:~|≈|<->|<=>|->|=>|→|↔|=|\()\s*(?<b>[^)]+?)\s*\)?\s*$")]
    private static partial Regex PairPattern();
}
