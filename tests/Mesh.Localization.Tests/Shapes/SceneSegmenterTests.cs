using Mesh.Shapes.Scenes;
using Mesh.Localization;
using Mesh.Localization.Shapes;
using Mesh.Core.Vision;
using Xunit.Abstractions;

namespace Mesh.Localization.Tests.Shapes;

/// <summary>The scene segmenter reads PNG pixels only; the generator's exact masks are the ground truth it is held to.</summary>
public class SceneSegmenterTests(ITestOutputHelper output)
{
    readonly SceneSegmenter _segmenter = new();

    internal static double IoU(ObjectMask a, ObjectMask b)
    {
        int both = 0, either = 0;
        for (int i = 0; i < a.Pixels.Length; i++)
        {
            if (a.Pixels[i] && b.Pixels[i]) both++;
            if (a.Pixels[i] || b.Pixels[i]) either++;
        }
        return either == 0 ? 1 : (double)both / either;
    }

    [Theory]
    [InlineData(64, SceneSplit.Validation, 200)] // the world's default size
    [InlineData(48, SceneSplit.Test, 150)]
    [InlineData(96, SceneSplit.Test, 40)]
    public void FindsEveryObjectOfManyScenesWithItsExactMaskAndKind(int imageSize, SceneSplit split, int scenes)
    {
        var generator = new SceneGenerator(new SceneOptions { ImageSize = imageSize });
        int objects = 0;
        double worst = 1;
        for (int index = 0; index < scenes; index++)
        {
            var scene = generator.Scene(split, index);
            var found = _segmenter.Segment(scene.EncodePng(), []);
            Assert.Equal((imageSize, imageSize), (found.Height, found.Width));
            Assert.Equal(scene.Objects.Count, found.Objects.Count);
            foreach (var truth in scene.Objects)
            {
                var best = found.Objects.MaxBy(f => IoU(f.Mask, truth.Mask))!;
                double iou = IoU(best.Mask, truth.Mask);
                Assert.True(iou >= 0.9, $"{split} scene {index}: the {truth.Colour} {truth.Kind} is found with IoU {iou:F3}");
                Assert.Equal(truth.Kind.Word(), best.Name);
                worst = Math.Min(worst, iou);
                objects++;
            }
        }
        output.WriteLine($"{imageSize} px: {objects} objects in {scenes} scenes, all named right, worst IoU {worst:F3}");
    }

    [Fact]
    public void TellsApartTwoTouchingShapesOfOneColour()
    {
        // Train scene 220 at 48 px: a purple star and a purple cross in neighbouring cells touch, so their pixels form
        // one connected region that no single shape fits.
        var scene = new SceneGenerator(new SceneOptions { ImageSize = 48 }).Scene(SceneSplit.Train, 220);
        var purple = scene.Objects.Where(o => o.Colour == ShapeColour.Purple).ToList();
        Assert.Equal([ShapeKind.Cross, ShapeKind.Star], purple.Select(o => o.Kind).Order());

        var found = _segmenter.Segment(scene.EncodePng(), ["star", "cross"]);
        foreach (var truth in purple)
        {
            var match = Assert.Single(found.Objects, f => f.Name == truth.Kind.Word());
            Assert.True(IoU(match.Mask, truth.Mask) >= 0.9, $"the purple {truth.Kind}: IoU {IoU(match.Mask, truth.Mask):F3}");
        }
    }

    [Fact]
    public void RequestedNamesSelectObjectsAndKeepTheirWording()
    {
        var scene = new SceneGenerator().Scene(SceneSplit.Validation, 3);
        var kind = scene.Objects[0].Kind;
        var found = _segmenter.Segment(scene.EncodePng(), [kind.Plural()]);
        Assert.Equal(scene.Objects.Count(o => o.Kind == kind), found.Objects.Count);
        Assert.All(found.Objects, f => Assert.Equal(kind.Plural(), f.Name));
    }

    [Fact]
    public void SynonymsFromTheJudgesLexiconAreUnderstood()
    {
        var generator = new SceneGenerator();
        var scene = Enumerable.Range(0, 50).Select(i => generator.Scene(SceneSplit.Validation, i)).First(s => s.Objects.Any(o => o.Kind == ShapeKind.Circle));
        int circles = scene.Objects.Count(o => o.Kind == ShapeKind.Circle);
        Assert.Equal(circles, _segmenter.Segment(scene.EncodePng(), ["disk"]).Objects.Count);
    }

    [Fact]
    public void AnUnknownNameIsRefusedListingTheKnownOnes()
    {
        var error = Assert.Throws<UnknownObjectException>(() => _segmenter.Segment(new SceneGenerator().Generate(1).EncodePng(), ["dog"]));
        Assert.Contains("'dog'", error.Message);
        Assert.Contains("circle, square, triangle, diamond, cross, star", error.Message);
    }

    [Fact]
    public void AnUndecodableImageIsRefused() =>
        Assert.Throws<InvalidImageException>(() => _segmenter.Segment("not an image"u8, []));
}
