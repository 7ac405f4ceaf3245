using Mesh.Shapes.Scenes;
using Mesh.Localization;
using Mesh.Localization.Semantic;
using Mesh.Localization.Tests.Shapes;
using Mesh.Core.Vision;

namespace Mesh.Localization.Tests.Semantic;

public sealed class OnnxSegmenterTests : IDisposable
{
    static readonly OnnxSegmenterOptions Unnormalised = new() { Mean = [0, 0, 0], Std = [1, 1, 1] };
    readonly string _directory = Directory.CreateTempSubdirectory("mesh-onnx-seg-").FullName;

    // 64x64 black, a red square x, y in [8, 39] and a blue disc of radius 12 around (46, 46).
    static (byte[] Png, ObjectMask Red, ObjectMask Blue) Picture()
    {
        var rgb = new byte[64 * 64 * 3];
        var red = new bool[64 * 64];
        var blue = new bool[64 * 64];
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 64; x++)
            {
                int p = y * 64 + x;
                blue[p] = Math.Pow(x + 0.5 - 46, 2) + Math.Pow(y + 0.5 - 46, 2) <= 144;
                red[p] = !blue[p] && x is >= 8 and <= 39 && y is >= 8 and <= 39;
                if (red[p]) rgb[3 * p] = 255;
                if (blue[p]) rgb[3 * p + 2] = 255;
            }
        return (Scene.EncodePng(rgb, 64, 64), new ObjectMask(64, 64, red), new ObjectMask(64, 64, blue));
    }

    [Fact]
    public void AModelTakingAnySizeGivesExactMasks()
    {
        using var segmenter = new OnnxSegmenter(TinySegmentationModel.Write(_directory, null), TinySegmentationModel.Labels, Unnormalised);
        var (png, red, blue) = Picture();
        var result = segmenter.Segment(png, []);
        Assert.Equal((64, 64), (result.Height, result.Width));
        Assert.Equal(["red", "blue"], result.Objects.Select(o => o.Name)); // the background is left out
        Assert.True(result.Objects[0].Mask.Pixels.SequenceEqual(red.Pixels));
        Assert.True(result.Objects[1].Mask.Pixels.SequenceEqual(blue.Pixels));
        Assert.All(result.Objects, o => Assert.InRange(o.Score, 0.5f, 1f));
    }

    [Fact]
    public void AFixedSizeModelSeesAResizedImageAndItsMasksComeBackAtImageSize()
    {
        using var segmenter = new OnnxSegmenter(TinySegmentationModel.Write(_directory, 32), TinySegmentationModel.Labels, Unnormalised);
        var (png, red, blue) = Picture();
        var result = segmenter.Segment(png, ["blue", "red"]);
        Assert.Equal(["blue", "red"], result.Objects.Select(o => o.Name));
        Assert.Equal((64, 64), (result.Objects[0].Mask.Height, result.Objects[0].Mask.Width));
        // Halving and doubling blurs the edges by about a pixel.
        Assert.True(SceneSegmenterTests.IoU(result.Objects[0].Mask, blue) >= 0.85);
        Assert.True(SceneSegmenterTests.IoU(result.Objects[1].Mask, red) >= 0.85);
    }

    [Fact]
    public void AbsentClassesGiveNoMaskAndUnknownNamesAreRefused()
    {
        using var segmenter = new OnnxSegmenter(TinySegmentationModel.Write(_directory, null), TinySegmentationModel.Labels, Unnormalised);
        var black = Scene.EncodePng(new byte[16 * 16 * 3], 16, 16);
        Assert.Empty(segmenter.Segment(black, ["red"]).Objects);
        var background = Assert.Single(segmenter.Segment(black, ["Background"]).Objects); // asked for by name, in its own wording
        Assert.Equal(("Background", 256), (background.Name, background.Mask.Area));
        var error = Assert.Throws<UnknownObjectException>(() => segmenter.Segment(black, ["green"]));
        Assert.Contains("known: background, red, blue", error.Message);
        Assert.Throws<InvalidImageException>(() => segmenter.Segment("GIF89a?"u8, []));
    }

    [Fact]
    public void ALabelListThatDoesNotMatchTheModelIsRefused()
    {
        string path = TinySegmentationModel.Write(_directory, 32);
        Assert.Contains("2 classes", Assert.Throws<InvalidDataException>(() => new OnnxSegmenter(path, ["background", "red"])).Message);
        Assert.Contains("more than once", Assert.Throws<InvalidDataException>(() => new OnnxSegmenter(path, ["a", "b", "A"])).Message);
        Assert.Throws<FileNotFoundException>(() => new OnnxSegmenter(Path.Combine(_directory, "missing.onnx"), TinySegmentationModel.Labels));
    }

    [Fact]
    public void LabelsLoadFromAFileOnePerLine()
    {
        string path = Path.Combine(_directory, "labels.txt");
        File.WriteAllText(path, "background\nred\n\n blue \n");
        Assert.Equal(TinySegmentationModel.Labels, SegmentationLabels.Load(path));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
