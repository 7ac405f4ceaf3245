namespace Mesh.Judging.Lexicon;

/// <summary>Plurals of object names, made from the last word: an irregular plural when one is listed, else the regular rule.</summary>
internal static class EnglishPlurals
{
    /// <summary>The plural forms of <paramref name="phrase"/> ("traffic light" -> "traffic lights", "man" -> "men" and "mans").</summary>
    public static IEnumerable<string> Of(string phrase, IReadOnlyDictionary<string, string> irregular)
    {
        int split = phrase.LastIndexOf(' ') + 1;
        string head = phrase[..split], last = phrase[split..];
        if (irregular.TryGetValue(last, out var plural))
            yield return head + plural;
        // The regular form is made even beside an irregular one: a wrong form ("mans") never occurs in a text, so
        // it costs nothing, and a rare right one ("persons") is caught.
        yield return head + Regular(last);
    }

    static string Regular(string word) => word switch
    {
        _ when word.EndsWith('s') || word.EndsWith('x') || word.EndsWith('z') || word.EndsWith("ch") || word.EndsWith("sh") => word + "es",
        _ when word.Length > 1 && word.EndsWith('y') && !"aeiou".Contains(word[^2]) => word[..^1] + "ies",
        _ => word + "s",
    };
}
