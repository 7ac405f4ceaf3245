using Mesh.Core.Prompting;

namespace Mesh.Core.Tests.Prompting;

public class ImageTokenExpansionTests
{
    const long Image = 320;

    [Fact]
    public void ASingleImageTokenIsExpandedInPlace()
    {
        var layout = ImageTokenExpansion.Expand([1, 17, Image, 12, 190], Image, 4);

        Assert.Equal(new long[] { 1, 17, Image, Image, Image, Image, 12, 190 }, layout.InputIds);
        Assert.Equal((2, 6, 4), (layout.ImageStart, layout.ImageEnd, layout.ImageTokenCount));
        Assert.True(layout.HasImage);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4, 5, 6, 7 }, layout.Positions());
    }

    [Fact]
    public void AnAlreadyExpandedPromptIsKept()
    {
        long[] ids = [1, Image, Image, Image, 9];

        var layout = ImageTokenExpansion.Expand(ids, Image, 3);

        Assert.Equal(ids, layout.InputIds);
        Assert.Equal((1, 4), (layout.ImageStart, layout.ImageEnd));
    }

    [Fact]
    public void TheFixturePromptHasItsImageSpanAt5To21()
    {
        var ids = Reference.ReadI64(Path.Combine(TestPaths.TinyLlava, "reference.safetensors"), "input_ids");

        var layout = ImageTokenExpansion.Expand(ids, Image, 16);

        Assert.Equal((5, 21, 26), (layout.ImageStart, layout.ImageEnd, layout.Length));
    }

    [Fact]
    public void ATextOnlyPromptHasNoImageSpan()
    {
        var layout = ImageTokenExpansion.Expand([1, 2, 3], Image, 16);

        Assert.Equal(new long[] { 1, 2, 3 }, layout.InputIds);
        Assert.False(layout.HasImage);
        Assert.Equal(0, layout.ImageTokenCount);
    }

    [Theory]
    [InlineData(new long[] { 1, Image, Image, 2 })]                       // 2 of 3
    [InlineData(new long[] { Image, Image, Image, Image })]               // 4 of 3
    [InlineData(new long[] { Image, Image, 5, Image })]                   // 3, not consecutive
    public void WrongCountsOrSplitSpansAreRejected(long[] ids)
    {
        var error = Assert.Throws<ArgumentException>(() => ImageTokenExpansion.Expand(ids, Image, 3));
        Assert.Contains("image tokens (320)", error.Message);
    }

    [Fact]
    public void AZeroImageLengthIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageTokenExpansion.Expand([1, Image], Image, 0));
    }
}
