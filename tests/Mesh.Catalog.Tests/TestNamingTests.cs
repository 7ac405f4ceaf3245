using System.Text.RegularExpressions;

namespace Mesh.Catalog.Tests;

/// <summary>
/// The one test-naming style (CONTRIBUTING.md): a test's name is a PascalCase sentence, no underscores. The
/// .editorconfig's naming rule (IDE1006) takes <c>A_thing_happens</c> for PascalCase words, so this checks it.
/// </summary>
public sealed partial class TestNamingTests
{
    [Fact]
    public void EveryTestIsNamedAsOnePascalCaseSentence()
    {
        string tests = Path.Combine(RepositoryRoot(), "tests");
        var offenders = Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(file => TestNames(File.ReadAllText(file))
                .Where(name => name.Length == 0 || name.Contains('_') || !char.IsUpper(name[0]))
                .Select(name => $"{Path.GetRelativePath(tests, file)}: {name}"))
            .ToList();

        Assert.True(offenders.Count == 0, $"tests named outside the style:\n{string.Join("\n", offenders)}");
    }

    [Fact]
    public void TheCheckFindsAnUnderscoreName()
    {
        string source = "    [Fact]\n    public void First() { }\n\n    [Theory]\n    [InlineData(new[] { 1 })] // a comment\n    public async Task A_thing_happens(int[] x) { }\n";

        Assert.Equal(["First", "A_thing_happens"], TestNames(source));
    }

    // The name of the first method declared after each line opening with [Fact] or [Theory], past its data attributes
    // and comments; empty when none follows.
    static List<string> TestNames(string source) =>
        [.. TestAttribute().Matches(source).Select(a => MethodName().Match(source, a.Index).Groups["name"].Value)];

    [GeneratedRegex(@"^\s*\[(Fact|Theory)\b", RegexOptions.Multiline)]
    private static partial Regex TestAttribute();

    [GeneratedRegex(@"\b(void|Task)\s+(?<name>\w+)\s*\(")]
    private static partial Regex MethodName();

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Mesh.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Mesh.sln above {AppContext.BaseDirectory}");
    }
}
