using Spectre.Console;

namespace Mesh.Experiments;

/// <summary>What one experiment run produced: its table, the files it wrote and how many scenes came from saved results.</summary>
public sealed record ExperimentReport(ReportTable Table, IReadOnlyList<string> Files, int ScenesReused)
{
    public void Print() =>
        AnsiConsole.MarkupLineInterpolated($"[green]wrote[/] {string.Join(", ", Files)} ({ScenesReused} scenes reused)");
}
