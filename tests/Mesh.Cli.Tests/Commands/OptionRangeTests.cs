using System.CommandLine;
using Mesh.Cli.Commands;

namespace Mesh.Cli.Tests.Commands;

/// <summary>An option value out of range gets one line naming the option and what it allows, never .NET's argument text.</summary>
public sealed class OptionRangeTests
{
    [Theory]
    [InlineData("--count must be at least 1; got -5", "eval", "--count", "-5")]
    [InlineData("--start 990 and --count 20 run past the test split's 1000 scenes (0..999)", "eval", "--start", "990", "--count", "20")]
    [InlineData("--index must be between 0 and 999 in the test split; got 1000", "scenes", "show", "--index", "1000")]
    [InlineData("--steps must be between 1 and 10000000; got -5", "train", "--steps", "-5")]
    [InlineData("--warmup must be below --steps (100); got 500", "train", "--warmup", "500", "--steps", "100", "--out", "unused")]
    [InlineData("--decoder-layers must be between 1 and 64; got 100", "train", "--decoder-layers", "100")]
    [InlineData("--top-p must be in (0, 1]; got 0", "generate", "--top-p", "0")]
    [InlineData("--k must be in (0, 1]; got -5", "compress", "image.png", "--k", "-5")]
    [InlineData("--window must be at least 1; got -5", "experiment", "knockout", "--window", "-5")]
    [InlineData("--timeout must be at least 1; got 0", "up", "--timeout", "0")]
    public async Task AnOutOfRangeValueNamesTheOptionAndItsRange(string expected, params string[] args)
    {
        var (exitCode, output) = await MeshCli.RunAsync(args);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(expected, output);
        Assert.DoesNotContain("Actual value was", output);
        Assert.DoesNotContain("(Parameter", output);
        Assert.DoesNotContain("The field", output);
    }

    [Fact]
    public void ARangeComesFromTheOptionsRecordItFills()
    {
        var option = new Option<int>("--batch-size").InRangeOf<Mesh.Shapes.Training.TrainingOptions, int>("BatchSize");
        var command = new RootCommand { option };

        Assert.Equal(["--batch-size must be between 1 and 4096; got 5000"], command.Parse(["--batch-size", "5000"]).Errors.Select(e => e.Message));
        Assert.Empty(command.Parse(["--batch-size", "64"]).Errors);
    }

    [Fact]
    public void AValueThatIsNoNumberKeepsTheParsersOwnError()
    {
        var command = new RootCommand { new Option<int>("--count").AtLeast(1) };

        Assert.Contains("Cannot parse argument 'many' for option '--count'", Assert.Single(command.Parse(["--count", "many"]).Errors).Message);
    }
}
