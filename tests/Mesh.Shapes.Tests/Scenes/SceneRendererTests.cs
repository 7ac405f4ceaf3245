using Mesh.Shapes.Scenes;

namespace Mesh.Shapes.Tests.Scenes;

/// <summary>The masks of generated scenes against the rendered pixels.</summary>
public class SceneRendererTests
{
    static readonly Scene[] Scenes = [.. Enumerable.Range(0, 300).Select(i => new SceneGenerator().Generate((ulong)i))];

    [Fact]
    public void EveryMaskPixelShowsItsObjectsColour()
    {
        foreach (var scene in Scenes)
            foreach (var o in scene.Objects)
                for (int y = 0; y < 64; y++)
                    for (int x = 0; x < 64; x++)
                        if (o.Mask[x, y])
                            Assert.Equal(o.Colour.Rgb(), scene.Pixel(x, y));
    }

    [Fact]
    public void MasksAreDisjointAndPixelsOutsideThemAreBackground()
    {
        var palette = Enum.GetValues<ShapeColour>().Select(c => c.Rgb()).ToHashSet();
        foreach (var scene in Scenes)
            for (int y = 0; y < 64; y++)
                for (int x = 0; x < 64; x++)
                {
                    int owners = scene.Objects.Count(o => o.Mask[x, y]);
                    Assert.InRange(owners, 0, 1);
                    var pixel = scene.Pixel(x, y);
                    if (owners == 0)
                        Assert.True(Math.Max(pixel.R, Math.Max(pixel.G, pixel.B)) <= SceneOptions.MaxBackgroundLevel && !palette.Contains(pixel),
                                    $"background pixel ({x}, {y}) of seed {scene.Seed} is {pixel}");
                }
    }

    [Fact]
    public void AMaskIsWhereTheShapeIsAndNoLaterShapeCoversIt()
    {
        // Recomputed from the geometry: pixel centres inside the shape, minus those of shapes drawn after it.
        foreach (var scene in Scenes.Take(100))
            for (int i = 0; i < scene.Objects.Count; i++)
                for (int y = 0; y < 64; y++)
                    for (int x = 0; x < 64; x++)
                    {
                        bool shown = scene.Objects[i].Covers(x + 0.5, y + 0.5) && !scene.Objects.Skip(i + 1).Any(o => o.Covers(x + 0.5, y + 0.5));
                        Assert.Equal(shown, scene.Objects[i].Mask[x, y]);
                    }
    }

    [Fact]
    public void EveryObjectStaysMostlyVisibleWithAnAreaFitForItsKindAndSize()
    {
        var objects = Scenes.SelectMany(s => s.Objects).ToArray();
        Assert.All(objects, o => Assert.True(o.VisibleFraction >= 0.75, $"{o.Kind} at {o.Cell} keeps {o.VisibleFraction:P0}"));
        foreach (var o in objects)
        {
            double expected = ShapeGeometry.UnitArea(o.Kind) * o.Radius * o.Radius;
            Assert.InRange(o.ShapeArea, 0.8 * expected, 1.2 * expected);
            var (bx, by, bw, bh) = o.Mask.Bounds;
            Assert.InRange(bw, 1, 2 * o.Radius + 1);
            Assert.InRange(bh, 1, 2 * o.Radius + 1);
            Assert.InRange(o.CentreX, bx - 1, bx + bw + 1);
            Assert.InRange(o.CentreY, by - 1, by + bh + 1);
        }
        // Large shapes are clearly bigger than small ones of the same kind.
        foreach (var kind in Enum.GetValues<ShapeKind>())
        {
            double Mean(ObjectSize size) => objects.Where(o => o.Kind == kind && o.Size == size).Average(o => o.ShapeArea);
            Assert.True(Mean(ObjectSize.Large) > 1.8 * Mean(ObjectSize.Small), $"{kind}: large {Mean(ObjectSize.Large)} vs small {Mean(ObjectSize.Small)}");
        }
    }

    [Fact]
    public void ALaterShapeCoversAnEarlierOneAndTheMasksSaySo()
    {
        // Two circles of radius 6 whose centres are 8 px apart: the second, drawn last, takes the overlap.
        PlacedShape[] shapes =
        [
            new(ShapeKind.Circle, ShapeColour.Red, ObjectSize.Small, new GridCell(0, 0), 10, 10, 6),
            new(ShapeKind.Circle, ShapeColour.Blue, ObjectSize.Small, new GridCell(0, 1), 18, 10, 6),
        ];
        var (rgb, masks, areas) = SceneRenderer.Render(shapes, 32, new SceneOptions(), new SceneRandom(1));
        Assert.Equal(areas[0], areas[1]);
        Assert.Equal(areas[1], masks[1].Area);
        Assert.InRange(masks[0].Area, areas[0] / 2, areas[0] - 10);
        Assert.True(masks[1][13, 10] && !masks[0][13, 10]);
        Assert.Equal((45, 95, 235), (rgb[(10 * 32 + 13) * 3], rgb[(10 * 32 + 13) * 3 + 1], rgb[(10 * 32 + 13) * 3 + 2]));
    }
}
