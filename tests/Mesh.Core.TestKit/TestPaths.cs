namespace Mesh.Core.TestKit;

/// <summary>Locates the repository and its committed fixtures from the test output directory.</summary>
public static class TestPaths
{
    /// <summary>The directory holding Mesh.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>tests/fixtures/tiny-llava.</summary>
    public static string TinyLlava { get; } = Path.Combine(RepoRoot, "tests", "fixtures", "tiny-llava");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mesh.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No Mesh.sln above {AppContext.BaseDirectory}.");
    }
}
