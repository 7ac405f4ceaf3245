namespace Mesh.Cli.Tests.Commands;

/// <summary>Enum options list their user-facing values in lower case: no None, no Unspecified, no .NET member names.</summary>
public sealed class EnumOptionTests
{
    [Fact]
    public async Task CompressHelpListsTheMethodsAndStorageTypesInLowerCase()
    {
        var (exitCode, output) = await MeshCli.RunAsync(["compress", "--help"]);

        Assert.Equal(0, exitCode);
        Assert.Contains("--method <attention|fastv|norm|random>", output);
        Assert.Contains("[default: attention]", output);
        Assert.Contains("--dtype <bf16|f16|f32|int8>", output);
        Assert.Contains("[default: f16]", output);
        Assert.DoesNotContain("Unspecified", output);
        Assert.DoesNotContain("None", output);
    }

    [Theory]
    [InlineData("compress", "x.png", "--method", "none")]
    [InlineData("compress", "x.png", "--dtype", "unspecified")]
    [InlineData("eval", "--split", "all")]
    public async Task AValueOutsideTheListIsRefusedWithTheList(params string[] args)
    {
        var (exitCode, output) = await MeshCli.RunAsync(args);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"Argument '{args[^1]}' not recognized. Must be one of:", output);
    }

    [Fact]
    public async Task EverySplitDeviceAndTrainingChoiceIsLowerCase()
    {
        foreach (var command in new[] { "eval", "generate", "train", "scenes show", "experiment reprompt" })
        {
            var (_, output) = await MeshCli.RunAsync([.. command.Split(' '), "--help"]);
            Assert.DoesNotMatch(@"<[A-Z][a-z]+\|", output);
        }
    }
}
