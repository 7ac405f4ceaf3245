using System.Text.RegularExpressions;

namespace Mesh.Benchmarks;

/// <summary>
/// docs/benchmarks.md holds one section per benchmark between <c>&lt;!-- bench:NAME --&gt;</c> markers;
/// a run replaces its own section and leaves the others alone.
/// </summary>
public static class BenchmarkDocument
{
    const string Title = "# Benchmarks\n\nFigures measured by `mesh bench`; each section says how and on what. Benchmarks are not tests.\n";

    public static void WriteSection(string path, string name, string markdown)
    {
        string start = $"<!-- bench:{name} -->", end = $"<!-- /bench:{name} -->";
        string block = $"{start}\n{markdown.TrimEnd()}\n{end}";
        string text = File.Exists(path) ? File.ReadAllText(path) : Title;
        var pattern = new Regex(Regex.Escape(start) + ".*?" + Regex.Escape(end), RegexOptions.Singleline);
        text = pattern.IsMatch(text) ? pattern.Replace(text, block.Replace("$", "$$")) : text.TrimEnd() + "\n\n" + block + "\n";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, text);
    }
}
