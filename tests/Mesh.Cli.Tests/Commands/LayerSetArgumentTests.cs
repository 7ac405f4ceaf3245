using Mesh.Cli.Commands;
using Mesh.Contracts.Common.V1;

namespace Mesh.Cli.Tests.Commands;

/// <summary>Layer sets as written on the command line: each form becomes the LayerSet case the decoder reads.</summary>
public sealed class LayerSetArgumentTests
{
    [Fact]
    public void AllIsEveryLayerLeftUnset() => Assert.Null(LayerSetArgument.Parse("all", "--layers"));

    [Fact]
    public void AWindowIsOneInclusiveRange()
    {
        var set = LayerSetArgument.Parse("4-20", "--layers")!;

        var range = Assert.Single(set.Ranges.Ranges);
        Assert.Equal((4, 20), (range.First, range.Last));
    }

    [Fact]
    public void SingleLayersAreAList() => Assert.Equal([3, 5, 7], LayerSetArgument.Parse("3, 5,7", "--layers")!.Layers.Layers);

    [Fact]
    public void WindowsAndSingleLayersMixAsRanges()
    {
        var set = LayerSetArgument.Parse("0-3,9", "--layers")!;

        Assert.Equal([(0, 3), (9, 9)], set.Ranges.Ranges.Select(r => (r.First, r.Last)));
    }

    [Theory]
    [InlineData("from:4", 4)]
    [InlineData("from:-1", -1)]
    public void FromIsTheFromLayerCase(string text, int layer)
    {
        var set = LayerSetArgument.Parse(text, "--layers")!;

        Assert.Equal(LayerSet.SelectionOneofCase.FromLayer, set.SelectionCase);
        Assert.Equal(layer, set.FromLayer);
    }

    [Fact]
    public void ExceptIsTheExceptRangeCase()
    {
        var set = LayerSetArgument.Parse("except:4-20", "--layers")!;

        Assert.Equal((4, 20), (set.ExceptRange.First, set.ExceptRange.Last));
    }

    [Theory]
    [InlineData("4-")]
    [InlineData("-3")]
    [InlineData("a-b")]
    [InlineData("3,,4")]
    [InlineData("except:4")]
    [InlineData("from:x")]
    [InlineData("")]
    public void AnythingElseNamesTheOptionAndTheFormsAllowed(string text)
    {
        var error = Assert.Throws<FormatException>(() => LayerSetArgument.Parse(text, "--layers"));

        Assert.StartsWith("--layers: ", error.Message);
        Assert.Contains(LayerSetArgument.Forms, error.Message);
    }

    [Fact]
    public void AWindowRunningBackwardsSaysSo() =>
        Assert.Contains("runs backwards", Assert.Throws<FormatException>(() => LayerSetArgument.Parse("20-4", "--layers")).Message);
}
