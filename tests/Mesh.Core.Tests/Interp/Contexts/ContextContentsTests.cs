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

    static ContextRecipe Recipe(double k, ContextContents contents) =>
        ContextRecipe.For(Groups, 4, new SelectionRequest(RankingMethod.Attention, k), contents);

    [Theory]
    [InlineData(0.25)]
    [InlineData(1.0)]
    public void AnImageOnlyContextWithAnImageTokenIsAccepted(double k) =>
        Assert.Equal(ContextContents.ImageOnly, Recipe(k, ContextContents.ImageOnly).Contents);

    [Fact]
    public void AnImageOnlyContextWithoutAnImageTokenIsRefused()
    {
        var error = Assert.Throws<InterpPartException>(() => Recipe(0.2, ContextContents.ImageOnly));
        Assert.Equal(InterpPart.Contents, error.Part);
        Assert.Contains("use k >= 1/4", error.Message);
    }

    [Fact]
    public void AQueryContextMayKeepNoImageToken() => Assert.Equal(0.2, Recipe(0.2, ContextContents.QueryAndImage).Selection.K);

    [Fact]
    public void AnUnknownValueIsRefusedNamingTheAllowedOnes() =>
        Assert.Contains("allowed: QueryAndImage, ImageOnly", Assert.Throws<InterpPartException>(() => Recipe(1.0, (ContextContents)7)).Message);

    [Fact]
    public void ASelectionNeedsAPromptWithAnImage()
    {
        var error = Assert.Throws<InterpPartException>(() =>
            ContextRecipe.For(new TokenGroups(0, 0, 10), 4, new SelectionRequest(RankingMethod.Norm, 0.5)));
        Assert.Equal(InterpPart.Selection, error.Part);
        Assert.Contains("needs a prompt with an image", error.Message);
    }
}
