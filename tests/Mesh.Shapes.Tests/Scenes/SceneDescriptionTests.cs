using Mesh.Shapes.Scenes;

namespace Mesh.Shapes.Tests.Scenes;

public class SceneDescriptionTests
{
    static SceneObject Object(ShapeKind kind, ShapeColour colour, ObjectSize size, int row, int column) =>
        new(kind, colour, size, new GridCell(row, column), 0, 0, 1, new ObjectMask(1, 1, [true]), 1);

    [Fact]
    public void ObjectsAreNamedInReadingOrderJoinedByAnd()
    {
        SceneObject[] objects =
        [
            Object(ShapeKind.Square, ShapeColour.Blue, ObjectSize.Small, 1, 1),
            Object(ShapeKind.Circle, ShapeColour.Red, ObjectSize.Large, 0, 0),
        ];
        Assert.Equal("a large red circle at the top left and a small blue square in the center", SceneDescription.Describe(objects));
        Assert.Equal("a small orange star on the right",
            SceneDescription.Describe([Object(ShapeKind.Star, ShapeColour.Orange, ObjectSize.Small, 1, 2)]));
    }

    [Fact]
    public void FourObjectsReadAsOneSentence()
    {
        SceneObject[] objects =
        [
            Object(ShapeKind.Cross, ShapeColour.White, ObjectSize.Small, 2, 2),
            Object(ShapeKind.Triangle, ShapeColour.Green, ObjectSize.Large, 0, 1),
            Object(ShapeKind.Diamond, ShapeColour.Purple, ObjectSize.Small, 1, 0),
            Object(ShapeKind.Circle, ShapeColour.Yellow, ObjectSize.Large, 2, 1),
        ];
        Assert.Equal(
            "a large green triangle at the top and a small purple diamond on the left and a large yellow circle at the bottom " +
            "and a small white cross at the bottom right",
            SceneDescription.Describe(objects));
    }

    [Fact]
    public void ParsingADescriptionGivesBackItsObjects()
    {
        var generator = new SceneGenerator();
        foreach (var scene in Enumerable.Range(0, 300).Select(i => generator.Generate((ulong)i)))
            Assert.Equal(scene.Objects.Select(DescribedObject.Of), SceneDescription.Parse(scene.Description));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a large red circle at the top left and")]
    [InlineData("a huge red circle at the top left")]
    [InlineData("a large red circle at the top middle")]
    [InlineData("a large red circle at the top left  and a small blue square in the center")]
    [InlineData("large red circle at the top left")]
    public void TextOutsideTheGrammarDoesNotParse(string text) => Assert.Null(SceneDescription.Parse(text));
}
