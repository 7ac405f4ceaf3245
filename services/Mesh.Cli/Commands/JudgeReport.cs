using System.Globalization;
using System.Text.Json;
using Mesh.Contracts.Judge.V1;
using Mesh.Judging;
using Spectre.Console;

namespace Mesh.Cli.Commands;

/// <summary>What <c>mesh judge</c> prints, from a local result or the service's response: a table, or JSON with the CompareResponse field names.</summary>
public sealed record JudgeReport(
    string Backend, IReadOnlyList<string> ReferenceObjects, IReadOnlyList<string> CandidateObjects, IReadOnlyList<ObjectPair> TruePositives,
    IReadOnlyList<string> FalseNegatives, IReadOnlyList<string> FalsePositives, double Precision, double Recall, double F1)
{
    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static JudgeReport From(JudgeResult r, JudgeKind kind) => new(
        kind.ToString().ToLowerInvariant(), r.ReferenceObjects, r.CandidateObjects, r.TruePositives, r.FalseNegatives, r.FalsePositives,
        r.Scores.Precision, r.Scores.Recall, r.Scores.F1);

    public static JudgeReport From(CompareResponse r) => new(
        r.Backend == JudgeBackend.Llm ? "llm" : "lexicon", [.. r.ReferenceObjects], [.. r.CandidateObjects],
        [.. r.TruePositives.Select(m => new ObjectPair(m.Reference, m.Candidate))], [.. r.FalseNegatives], [.. r.FalsePositives],
        r.Precision, r.Recall, r.F1);

    public void Print(bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(this, Json));
            return;
        }
        var table = new Table().Title($"judge ({Backend})").AddColumns("", "objects");
        table.AddRow("reference", Names(ReferenceObjects));
        table.AddRow("candidate", Names(CandidateObjects));
        table.AddRow("[green]TP[/] (in both)", Names(TruePositives.Select(p => p.Reference == p.Candidate ? p.Reference : $"{p.Reference} ~ {p.Candidate}")));
        table.AddRow("[yellow]FN[/] (lost)", Names(FalseNegatives));
        table.AddRow("[red]FP[/] (hallucinated)", Names(FalsePositives));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"TP {TruePositives.Count}  FN {FalseNegatives.Count}  FP {FalsePositives.Count}   P [bold]{Precision:F3}[/]  R [bold]{Recall:F3}[/]  F1 [bold]{F1:F3}[/]"));
    }

    static string Names(IEnumerable<string> names) => Markup.Escape(string.Join(", ", names) is { Length: > 0 } text ? text : "-");
}
