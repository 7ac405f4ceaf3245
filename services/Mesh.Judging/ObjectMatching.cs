namespace Mesh.Judging;

/// <summary>An object found in a text: its canonical name and the word(s) the text used for it (singular).</summary>
public sealed record NamedObject(string Canonical, string Surface);

/// <summary>
/// Step 3 of docs/paper.md section 4 for judges that name objects canonically: an object is in both texts when both
/// name the same canonical object, whatever words they used. Each canonical object counts once per text (two
/// dogs and a puppy are one dog): the judge asks which objects a description keeps, not how many of each.
/// </summary>
public static class ObjectMatching
{
    /// <summary>Deduplicates both lists by canonical name (first mention wins) and splits them into TP, FN and FP.</summary>
    public static JudgeResult Match(IEnumerable<NamedObject> reference, IEnumerable<NamedObject> candidate)
    {
        var references = FirstMentions(reference);
        var candidates = FirstMentions(candidate);
        var candidateByName = candidates.ToDictionary(o => o.Canonical, StringComparer.Ordinal);
        var referenceNames = references.Select(o => o.Canonical).ToHashSet(StringComparer.Ordinal);

        var truePositives = references.Where(o => candidateByName.ContainsKey(o.Canonical))
            .Select(o => new ObjectPair(o.Surface, candidateByName[o.Canonical].Surface)).ToList();
        var falseNegatives = references.Where(o => !candidateByName.ContainsKey(o.Canonical)).Select(o => o.Canonical).ToList();
        var falsePositives = candidates.Where(o => !referenceNames.Contains(o.Canonical)).Select(o => o.Canonical).ToList();
        return new JudgeResult(
            [.. references.Select(o => o.Canonical)], [.. candidates.Select(o => o.Canonical)],
            truePositives, falseNegatives, falsePositives,
            new JudgeScores(truePositives.Count, falsePositives.Count, falseNegatives.Count));
    }

    static List<NamedObject> FirstMentions(IEnumerable<NamedObject> objects)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. objects.Where(o => seen.Add(o.Canonical))];
    }
}
