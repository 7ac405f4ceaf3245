using Mesh.Shapes.Scenes;

namespace Mesh.Shapes.Tests.Scenes;

public sealed class ScenePatchesTests
{
    static readonly SceneGenerator Generator = new();

    [Fact]
    public void EachPatchShowsTheObjectCoveringMostOfItWhenThatIsAQuarterOrMore()
    {
        int grid = 8, patch = 64 / grid, shown = 0;
        for (ulong seed = 0; seed < 50; seed++)
        {
            var scene = Generator.Generate(seed);
            var cover = ScenePatches.Cover(scene, grid);
            Assert.Equal(grid * grid, cover.Length);
            var seen = cover.Select(c => c.Fraction >= ScenePatches.MinCover ? c.Object : null).ToArray();
            for (int row = 0; row < grid; row++)
                for (int column = 0; column < grid; column++)
                {
                    // Independently: count each object's visible pixels in the patch by scanning its pixels.
                    var covers = scene.Objects.Select(o => Enumerable.Range(0, patch * patch)
                        .Count(i => o.Mask[column * patch + i % patch, row * patch + i / patch])).ToArray();
                    var patchObject = seen[row * grid + column];
                    Assert.Equal(covers.Max() / (double)(patch * patch), cover[row * grid + column].Fraction, 12);
                    if (covers.Max() * 4 >= patch * patch)
                    {
                        Assert.NotNull(patchObject);
                        Assert.Equal(covers.Max(), covers[scene.Objects.ToList().IndexOf(patchObject)]);
                        shown++;
                    }
                    else Assert.Null(patchObject);
                }
            // Every object big enough to fill a quarter of some patch is seen somewhere.
            Assert.All(scene.Objects.Where(o => o.Mask.Area >= 4 * patch * patch), o => Assert.Contains(o, seen));
        }
        Assert.InRange(shown, 50, 50 * grid * grid / 2); // objects are seen, and the background is most of the image
    }

    [Fact]
    public void CoverIsTheLargestVisibleShareAndZeroOnBackgroundOnly()
    {
        var scene = Generator.Generate(3);
        var cover = ScenePatches.Cover(scene, 4);
        for (int p = 0; p < cover.Length; p++)
        {
            int x0 = p % 4 * 16, y0 = p / 4 * 16;
            var pixels = scene.Objects.Select(o => Enumerable.Range(0, 256).Count(i => o.Mask[x0 + i % 16, y0 + i / 16])).ToArray();
            Assert.Equal(pixels.Max() / 256.0, cover[p].Fraction, 12);
            Assert.Equal(pixels.Max() == 0, cover[p].Object is null);
        }
        Assert.Contains(cover, c => c.Object is null);
        Assert.Contains(cover, c => c.Fraction > 0.25);
    }

    [Fact]
    public void AGridThatDoesNotDivideTheImageIsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ScenePatches.Cover(Generator.Generate(0), 7));
        Assert.Contains("divide the image size (64)", error.Message);
    }
}
