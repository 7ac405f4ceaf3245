
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

    [Theory]
    [InlineData(null, "the default model models/shapes-vlm")]
    [InlineData(" ", "the default model models/shapes-vlm")]
    [InlineData("/models/tiny", "model directory /models/tiny")]
    public void MessagesNameTheConfiguredDirectoryOrTheDefault(string? configured, string expected) =>
        Assert.Equal(expected, DefaultModel.SourceOf(configured));
}
