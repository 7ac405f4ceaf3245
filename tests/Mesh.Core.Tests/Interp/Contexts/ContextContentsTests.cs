using Mesh.Core.Interp;
using Mesh.Core.Interp.Contexts;

namespace Mesh.Core.Tests.Interp.Contexts;

/// <summary>Which text positions each kind of context keeps, and which requests are refused, without a model.</summary>
public sealed class ContextContentsTests
{
    static readonly TokenGroups Groups = new(3, 7, 10);   // prefix 0..2, image 3..6, instruction 7..9

    static long[] KeptText(ContextContents parts, TokenGroups groups) =>
        [.. Enumerable.Range(0, (int)groups.PromptLength + 2).Select(p => (long)p)
            .Where(p => !groups.Contains(PositionGroup.Image, p) && parts.KeepsText(groups, p))];

    [Fact]
    public void QueryAndImageKeepsEveryPrefixAndInstructionPosition() =>
        Assert.Equal([0L, 1, 2, 7, 8, 9], KeptText(ContextContents.QueryAndImage, Groups));

    [Fact]
    public void ImageOnlyKeepsTheFirstPositionAlone() => Assert.Equal([0L], KeptText(ContextContents.ImageOnly, Groups));

    [Fact]
    public void ImageOnlyKeepsNoTextWhenTheImageOpensThePrompt() =>
        Assert.Empty(KeptText(ContextContents.ImageOnly, new TokenGroups(0, 4, 7)));

    [Theory]
    [InlineData(0.25, 4)]
    [InlineData(1.0, 4)]
    public void AnImageOnlyContextWithAnImageTokenIsAccepted(double k, int imageTokens) =>
        ContextContents.ImageOnly.Validate(k, imageTokens);

    [Fact]
    public void AnImageOnlyContextWithoutAnImageTokenIsRefused() =>
        Assert.Contains("use k >= 1/4", Assert.Throws<ArgumentException>(() => ContextContents.ImageOnly.Validate(0.2, 4)).Message);

    [Fact]
    public void AQueryContextMayKeepNoImageToken() => ContextContents.QueryAndImage.Validate(0.2, 4);

    [Fact]
    public void AnUnknownValueIsRefusedNamingTheAllowedOnes() =>
        Assert.Contains("allowed: QueryAndImage, ImageOnly", Assert.Throws<ArgumentException>(() => ((ContextContents)7).Validate(1.0, 4)).Message);
}
