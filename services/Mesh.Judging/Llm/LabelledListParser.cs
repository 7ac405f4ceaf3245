using System.Text.RegularExpressions;

namespace Mesh.Judging.Llm;

/// <summary>
/// Verdicts written as labelled lists, for replies without JSON: a label (TP, "True positives", "False negatives
/// (FN)", "Hallucinated" ...; markdown bullets, bold and headings allowed) then a colon and either a comma-separated
/// list on the same line, a count ("FP: 2"), or bullet lines below. Later labels override earlier ones.
/// </summary>
internal static partial class LabelledListParser
{
    public static VerdictFields Parse(string reply)
    {
        var verdict = new VerdictFields();
        var lines = reply.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var label = LabelLine().Match(lines[i]);
            if (!label.Success || VerdictFields.FieldOf(label.Groups["label"].Value) is not { } field) continue;
            string rest = label.Groups["rest"].Value.Trim().Trim('*', '_').Trim();
            if (CountOnly().Match(rest) is { Success: true } count)
                verdict.SetCount(field, int.Parse(count.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture));
            else if (rest.Length > 0)
                verdict.SetList(field, ReplyItems.FromList(CountedList().Replace(rest, "${items}")));
            else
                verdict.SetList(field, BulletsAfter(lines, ref i));
        }
        return verdict;
    }

    static List<ObjectPair> BulletsAfter(string[] lines, ref int i)
    {
        var items = new List<ObjectPair>();
        while (i + 1 < lines.Length && Bullet().Match(lines[i + 1]) is { Success: true } bullet)
        {
            if (ReplyItems.Pair(bullet.Groups["item"].Value) is { } item) items.Add(item);
            i++;
        }
        return items;
    }

    [GeneratedRegex(@"^\s*(?:[-*•>#]+\s*|\d+[.)]\s*)?(?:\*\*|__)?(?<label>[A-Za-z][A-Za-z _]*?(?:\s*\([A-Za-z]+\))?)(?:\*\*|__)?\s*[:=](?<rest>.*)$")]
    private static partial Regex LabelLine();

    [GeneratedRegex(@"^(?<n>\d+)\.?$")]
    private static partial Regex CountOnly();

    // "3 (man, dog, cat)" or "3: man, dog, cat": the items, without their count.
    [GeneratedRegex(@"^\d+\s*(?:[(:\-–]\s*)(?<items>.*?)\)?$")]
    private static partial Regex CountedList();

    [GeneratedRegex(@"^\s*(?:[-*•]|\d+[.)])\s+(?<item>.+)$")]
    private static partial Regex Bullet();
}
