namespace Mesh.Judging.Llm;

/// <summary>The parts of a verdict a reply may give, under whichever name the model chose.</summary>
internal enum VerdictField { ReferenceObjects, CandidateObjects, TruePositives, FalseNegatives, FalsePositives }

/// <summary>
/// A verdict read piece by piece from a reply: each of TP, FN and FP as a list or (when the model only counted)
/// a number. Complete when all three are known; the object lists default to what TP, FN and FP imply.
/// </summary>
internal sealed class VerdictFields
{
    static readonly Dictionary<string, VerdictField> Names = new(StringComparer.Ordinal)
    {
        // Not bare "reference" / "candidate": a reply often echoes "REFERENCE: <the text>".
        ["referenceobjects"] = VerdictField.ReferenceObjects,
        ["objectsinreference"] = VerdictField.ReferenceObjects, ["objectsinthereference"] = VerdictField.ReferenceObjects,
        ["candidateobjects"] = VerdictField.CandidateObjects,
        ["objectsincandidate"] = VerdictField.CandidateObjects, ["objectsinthecandidate"] = VerdictField.CandidateObjects,
        ["truepositives"] = VerdictField.TruePositives, ["truepositive"] = VerdictField.TruePositives, ["tp"] = VerdictField.TruePositives,
        ["matches"] = VerdictField.TruePositives, ["matched"] = VerdictField.TruePositives,
        ["falsenegatives"] = VerdictField.FalseNegatives, ["falsenegative"] = VerdictField.FalseNegatives, ["fn"] = VerdictField.FalseNegatives,
        ["lost"] = VerdictField.FalseNegatives, ["missing"] = VerdictField.FalseNegatives,
        ["falsepositives"] = VerdictField.FalsePositives, ["falsepositive"] = VerdictField.FalsePositives, ["fp"] = VerdictField.FalsePositives,
        ["hallucinated"] = VerdictField.FalsePositives, ["hallucinations"] = VerdictField.FalsePositives,
    };

    readonly Dictionary<VerdictField, List<ObjectPair>> _lists = [];
    readonly Dictionary<VerdictField, int> _counts = [];

    /// <summary>The field a label or key names ("True positives (TP)", "false_negatives", "FP"), or null.</summary>
    public static VerdictField? FieldOf(string label)
    {
        int paren = label.IndexOf('(');
        string key = new([.. (paren > 0 ? label[..paren] : label).ToLowerInvariant().Where(char.IsAsciiLetterLower)]);
        return Names.TryGetValue(key, out var field) ? field : null;
    }

    /// <summary>Sets <paramref name="field"/> to a list (the last one given wins: a reply's final answer comes last).</summary>
    public void SetList(VerdictField field, IEnumerable<ObjectPair> items)
    {
        _lists[field] = [.. items];
        _counts.Remove(field);
    }

    /// <summary>Sets <paramref name="field"/> to a bare count.</summary>
    public void SetCount(VerdictField field, int count)
    {
        _counts[field] = count;
        _lists.Remove(field);
    }

    public bool IsComplete => Known(VerdictField.TruePositives) && Known(VerdictField.FalseNegatives) && Known(VerdictField.FalsePositives);

    bool Known(VerdictField field) => _lists.ContainsKey(field) || _counts.ContainsKey(field);

    public JudgeResult ToResult()
    {
        var tp = DistinctBy(List(VerdictField.TruePositives), p => p.Reference);
        var fn = DistinctNames(List(VerdictField.FalseNegatives).Select(p => p.Reference));
        var fp = DistinctNames(List(VerdictField.FalsePositives).Select(p => p.Reference));
        var reference = _lists.TryGetValue(VerdictField.ReferenceObjects, out var r) ? r.Select(p => p.Reference) : tp.Select(p => p.Reference).Concat(fn);
        var candidate = _lists.TryGetValue(VerdictField.CandidateObjects, out var c) ? c.Select(p => p.Reference) : tp.Select(p => p.Candidate).Concat(fp);
        var scores = new JudgeScores(Count(VerdictField.TruePositives, tp.Count), Count(VerdictField.FalsePositives, fp.Count),
                                     Count(VerdictField.FalseNegatives, fn.Count));
        return new JudgeResult(DistinctNames(reference), DistinctNames(candidate), tp, fn, fp, scores);
    }

    List<ObjectPair> List(VerdictField field) => _lists.TryGetValue(field, out var list) ? list : [];

    int Count(VerdictField field, int listed) => _counts.TryGetValue(field, out int count) ? count : listed;

    static List<string> DistinctNames(IEnumerable<string> names) => [.. names.Distinct(StringComparer.Ordinal)];

    static List<ObjectPair> DistinctBy(IEnumerable<ObjectPair> pairs, Func<ObjectPair, string> key) => [.. pairs.DistinctBy(key, StringComparer.Ordinal)];
}
