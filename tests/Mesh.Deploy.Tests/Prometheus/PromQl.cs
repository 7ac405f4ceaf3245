using System.Text.RegularExpressions;

namespace Mesh.Deploy.Tests.Prometheus;

/// <summary>
/// The metric and label names a PromQL expression reads, found lexically: enough for Mesh's rules and dashboard,
/// whose expressions use selectors, functions, aggregations with by (...), binary operators and Grafana variables.
/// </summary>
public static partial class PromQl
{
    static readonly HashSet<string> Keywords = ["and", "or", "unless", "bool", "offset", "group_left", "group_right", "inf", "nan"];

    /// <summary>Metric names of the selectors in <paramref name="expression"/>.</summary>
    public static IReadOnlySet<string> Metrics(string expression)
    {
        string bare = Grouping().Replace(Range().Replace(Matchers().Replace(Strings().Replace(expression, "\"\""), ""), ""), "");
        return Identifier().Matches(bare).Select(m => m.Groups["name"].Value)
            .Where(name => !Keywords.Contains(name.ToLowerInvariant())).ToHashSet();
    }

    /// <summary>Label names used in <paramref name="expression"/>: in matchers and in by (...) / without (...).</summary>
    public static IReadOnlySet<string> Labels(string expression)
    {
        string noStrings = Strings().Replace(expression, "\"\"");
        var inMatchers = Matchers().Matches(noStrings).SelectMany(m => MatcherLabel().Matches(m.Value).Select(l => l.Groups["label"].Value));
        var inGrouping = Grouping().Matches(noStrings).SelectMany(g => g.Groups["labels"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        return inMatchers.Concat(inGrouping).ToHashSet();
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Range();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\((?<labels>[^)]*)\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w$.])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)")]
    private static partial Regex MatcherLabel();
}
