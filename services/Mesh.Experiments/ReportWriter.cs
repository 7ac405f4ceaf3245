using System.Globalization;
using System.Text;

namespace Mesh.Experiments;

/// <summary>
/// A table of numbers written as CSV and as a markdown table. The cells are numbers and fixed ASCII labels,
/// so CSV needs no quoting rules (a CSV library would add nothing).
/// </summary>
public sealed record ReportTable(string[] Columns, List<object[]> Rows)
{
    public ReportTable(params string[] columns) : this(columns, []) { }

    public void Add(params object[] row) => Rows.Add(row);

    public void WriteCsv(string path) =>
        File.WriteAllLines(path, Rows.Select(r => string.Join(',', r.Select(Cell))).Prepend(string.Join(',', Columns)));

    /// <summary>Writes <c>NAME.csv</c> and <c>NAME.md</c> (the table, then <paramref name="notes"/>) into <paramref name="folder"/>; returns their paths.</summary>
    public async Task<string[]> WriteAsync(DirectoryInfo folder, string name, string notes, CancellationToken cancellationToken)
    {
        string csv = Path.Combine(folder.FullName, name + ".csv"), md = Path.Combine(folder.FullName, name + ".md");
        WriteCsv(csv);
        await File.WriteAllTextAsync(md, Markdown() + notes, cancellationToken);
        return [csv, md];
    }

    public string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine("| " + string.Join(" | ", Columns) + " |");
        md.AppendLine("|" + string.Concat(Columns.Select(_ => " --- |")));
        foreach (var row in Rows) md.AppendLine("| " + string.Join(" | ", row.Select(Cell)) + " |");
        return md.ToString();
    }

    static string Cell(object value) => value switch
    {
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        float f => f.ToString("0.####", CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
