
namespace Mesh.Catalog.Tests;

public class DefaultModelTests
{
    [Fact]
    public void ResolvesTheBundledModelDirectory()
    {
        string directory = DefaultModel.ResolveDirectory();

        Assert.Equal(DefaultModel.Name, Path.GetFileName(directory));
        Assert.True(File.Exists(Path.Combine(directory, "config.json")), $"{directory} has no config.json");
    }
}
