using ImageMagick;
using Mesh.Shapes.Scenes;

namespace Mesh.Shapes.Tests.Scenes;

public class SceneGeneratorTests
{
    static readonly SceneGenerator Generator = new();
    static readonly Scene[] Scenes = [.. Enumerable.Range(0, 300).Select(i => Generator.Generate((ulong)i))];

    [Fact]
    public void TheSameSeedGivesByteIdenticalImagesAndIdenticalText()
    {
        var again = new SceneGenerator().Generate(17);
        Assert.Equal(Scenes[17].EncodePng(), again.EncodePng());
        Assert.Equal(Scenes[17].Rgb, again.Rgb);
        Assert.Equal(Scenes[17].Description, again.Description);
        Assert.Equal(Scenes[17].Questions, again.Questions);
    }

    [Fact]
    public void DifferentSeedsGiveDifferentScenes()
    {
        Assert.Equal(Scenes.Length, Scenes.Select(s => Convert.ToBase64String(s.Rgb)).Distinct().Count());
        Assert.True(Scenes.Select(s => s.Description).Distinct().Count() > 250);
    }

    [Fact]
    public void ThePngDecodesToTheScenePixels()
    {
        var scene = Scenes[3];
        using var image = new MagickImage(scene.EncodePng());
        Assert.Equal((64u, 64u), (image.Width, image.Height));
        using var pixels = image.GetPixelsUnsafe();
        Assert.Equal(scene.Rgb, pixels.ToByteArray(PixelMapping.RGB));
    }

    [Fact]
    public void ScenesHoldOneToFourObjectsInDistinctCellsInReadingOrder()
    {
        Assert.Equal([1, 2, 3, 4], Scenes.Select(s => s.Objects.Count).Distinct().Order());
        foreach (var scene in Scenes)
            Assert.Equal(scene.Objects.Select(o => o.Cell.Index).Distinct().Order(), scene.Objects.Select(o => o.Cell.Index));
        var objects = Scenes.SelectMany(s => s.Objects).ToArray();
        Assert.Equal(Enum.GetValues<ShapeKind>(), objects.Select(o => o.Kind).Distinct().Order());
        Assert.Equal(Enum.GetValues<ShapeColour>(), objects.Select(o => o.Colour).Distinct().Order());
        Assert.Equal(9, objects.Select(o => o.Cell).Distinct().Count());
    }

    [Fact]
    public void CentresLieInTheirCellsWithJitterAndShapesInsideTheImage()
    {
        var options = Generator.Options;
        foreach (var o in Scenes.SelectMany(s => s.Objects))
        {
            double cell = options.CellSize;
            Assert.InRange(o.CentreX / cell - (o.Cell.Column + 0.5), -options.Jitter - 1e-9, options.Jitter + 1e-9);
            Assert.InRange(o.CentreY / cell - (o.Cell.Row + 0.5), -options.Jitter - 1e-9, options.Jitter + 1e-9);
            Assert.Equal(options.RadiusPixels(o.Size), o.Radius);
            Assert.InRange(o.CentreX - o.Radius, 0, 64);
            Assert.InRange(o.CentreY + o.Radius, 0, 64);
        }
        Assert.True(Scenes.SelectMany(s => s.Objects).Select(o => o.CentreX).Distinct().Count() > 500, "centres should be jittered");
    }

    [Fact]
    public void LargerImagesShowTheSameSceneScaled()
    {
        var big = new SceneGenerator(new SceneOptions { ImageSize = 128 }).Generate(5);
        Assert.Equal(Scenes[5].Description, big.Description);
        Assert.Equal(Scenes[5].Objects.Select(o => 2 * o.CentreX), big.Objects.Select(o => o.CentreX));
        Assert.Equal(128 * 128 * 3, big.Rgb.Length);
    }
}
