namespace Mesh.Core.Tests;

/// <summary>Where the repository and its committed fixtures are, found from the test binary's location.</summary>
internal static class TestPaths
{
    /// <summary>The directory that holds Mesh.sln.</summary>
    public static readonly string RepoRoot = FindRepoRoot();

    /// <summary>tests/fixtures/tiny-llava: the golden reference model and data (see its README).</summary>
    public static readonly string TinyLlava = Path.Combine(RepoRoot, "tests", "fixtures", "tiny-llava");

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Mesh.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"no Mesh.sln above {AppContext.BaseDirectory}");
    }
}
