using Mesh.Shapes.Evaluation;
using Mesh.Shapes.Scenes;

namespace Mesh.Shapes.Tests.Evaluation;

public sealed class DescriptionObjectsTests
{
    [Fact]
    public void EverySizeColourKindPhraseCountsWhateverSurroundsIt()
    {
        var found = DescriptionObjects.Extract("a large red circle at the top left and and small blue square blue the a small white star");
        Assert.Equal([(ShapeColour.Red, ShapeKind.Circle), (ShapeColour.Blue, ShapeKind.Square), (ShapeColour.White, ShapeKind.Star)], found);
        Assert.Empty(DescriptionObjects.Extract("a red circle and a large square"));
        Assert.Empty(DescriptionObjects.Extract(""));
    }

    [Fact]
    public void F1CountsCompareMultisets()
    {
        var score = F1Count.Of(["a", "a", "b", "c"], ["a", "b", "b"]);
        Assert.Equal(new F1Count(2, 4, 3), score);
        Assert.Equal(4.0 / 7, score.F1, 12);
        Assert.Equal(0.5, score.Precision, 12);
        Assert.Equal(2.0 / 3, score.Recall, 12);
        Assert.Equal(new F1Count(3, 6, 5), score + new F1Count(1, 2, 2));
        Assert.Equal(0, F1Count.Of(Array.Empty<string>(), ["a"]).F1);
    }
}
