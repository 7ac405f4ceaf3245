namespace Mesh.Cli.Tests.Commands;

/// <summary>
/// <c>mesh describe</c>'s knockout and trace options and <c>mesh up --model</c>: a wrong combination or a bad directory
/// fails when the command line is parsed, with one line saying what to change, before any call or service start.
/// </summary>
public sealed class DescribeOptionsTests
{
    [Theory]
    [InlineData("--layers chooses the knockout's layers; give --knockout too", "describe", "image.png", "--layers", "4-20")]
    [InlineData("--layers: '20-4' runs backwards", "describe", "image.png", "--knockout", "image-generated", "--layers", "20-4")]
    [InlineData("--trace-layers: 'x' is not a layer set", "describe", "image.png", "--trace-layers", "x")]
    [InlineData("--heatmap-token draws an image map; use --trace image-maps", "describe", "image.png", "--heatmap-token", "1", "--trace", "fractions")]
    [InlineData("--model chooses the model of a mesh started with --up", "describe", "image.png", "--model", ".")]
    [InlineData("Argument 'image-text' not recognized. Must be one of: 'image-generated' 'image-query' 'image-both'", "describe", "image.png", "--knockout", "image-text")]
    [InlineData("/no/such/model does not exist", "up", "--model", "/no/such/model")]
    public async Task AWrongCombinationSaysWhatToChange(string expected, params string[] args)
    {
        var (exitCode, output) = await MeshCli.RunAsync(args);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(expected, output);
    }

    [Fact]
    public async Task AModelDirectoryWithoutAConfigIsRefusedBeforeAnyServiceStarts()
    {
        var folder = Directory.CreateTempSubdirectory("not-a-model-");
        try
        {
            var (exitCode, output) = await MeshCli.RunAsync(["up", "--no-build", "--model", folder.FullName]);

            Assert.NotEqual(0, exitCode);
            Assert.Contains("has no config.json", output);
            Assert.DoesNotContain("starting", output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
