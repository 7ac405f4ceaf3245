using Mesh.Cli.Commands;
using Mesh.Shapes.Training;

namespace Mesh.Cli.Tests.Train;

public sealed class ArchitectureArgumentTests
{
    static ShapesModelOptions Architecture(params string[] args) => TrainCommand.Architecture(TrainCommand.Create().Parse(args));

    [Fact]
    public void WithoutDecoderSizesThePresetIsUsed()
    {
        Assert.Equal(new ShapesModelOptions(), Architecture());
        Assert.Equal(ShapesModelOptions.Tiny, Architecture("--size", "tiny"));
    }

    [Fact]
    public void DecoderSizesReplaceThePresetsAndNothingElse()
    {
        var wide = Architecture("--decoder-hidden", "128", "--decoder-heads", "8", "--decoder-kv-heads", "4", "--decoder-intermediate", "384", "--decoder-layers", "6");
        Assert.Equal(new ShapesModelOptions { TextHidden = 128, TextHeads = 8, TextKvHeads = 4, TextIntermediate = 384, TextLayers = 6 }, wide);
        Assert.Equal(ShapesModelOptions.Tiny with { TextHidden = 64 }, Architecture("--size", "tiny", "--decoder-hidden", "64"));
        Assert.Equal(ShapesModelOptions.Tiny with { TieWordEmbeddings = true }, Architecture("--size", "tiny", "--decoder-tie-embeddings", "true"));
    }

    [Theory]
    [InlineData("--decoder-hidden", "100", "--decoder-heads", "8", "TextHidden (100) must split into TextHeads (8) heads of even width")]
    [InlineData("--decoder-heads", "6", "--decoder-kv-heads", "4", "TextHeads must be a multiple of TextKvHeads (4)")]
    [InlineData("--decoder-layers", "0", "--decoder-hidden", "64", "TextLayers")]
    public void SizesThatDoNotFitAreRefusedByName(string option, string value, string other, string otherValue, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => Architecture(option, value, other, otherValue));
        Assert.Contains(expected, error.Message);
    }
}
