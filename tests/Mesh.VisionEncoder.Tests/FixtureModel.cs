namespace Mesh.VisionEncoder.Tests;

/// <summary>
/// The parity fixture these tests assert against (tests/fixtures/tiny-llava: its id, grid and image), pinned
/// explicitly so that changing the mesh's default model does not change what they check.
/// </summary>
internal static class FixtureModel
{
    public static string Directory { get; } = Find();

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "fixtures", "tiny-llava");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"No tests/fixtures/tiny-llava above {AppContext.BaseDirectory}.");
    }
}
