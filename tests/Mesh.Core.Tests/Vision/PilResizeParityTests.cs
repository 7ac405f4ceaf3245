using System.Text.Json;
using Mesh.Core.Vision;
using Xunit.Abstractions;

namespace Mesh.Core.Tests.Vision;

/// <summary>Bicubic resize against Pillow's BICUBIC (tests/fixtures/pil-resize, made by make_reference.py there).</summary>
public class PilResizeParityTests(ITestOutputHelper output)
{
    private static readonly string Dir = Path.Combine(TestPaths.RepoRoot, "tests", "fixtures", "pil-resize");

    [Theory]
    [InlineData("down_42x32", 32)]
    [InlineData("up_85x64", 64)]
    public void ResizeMatchesPillowBicubic(string name, int shortestEdge)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "reference.json")));
        var reference = doc.RootElement.GetProperty("cases").GetProperty(name);
        int height = reference.GetProperty("height").GetInt32(), width = reference.GetProperty("width").GetInt32();
        var rgb = reference.GetProperty("rgb").EnumerateArray().Select(e => e.GetInt32()).ToArray(); // [H,W,3]

        // Raw u8 values out: no crop, rescale or normalize.
        var config = new PreprocessorConfig(ShortestEdge: shortestEdge, DoCenterCrop: false, DoRescale: false, DoNormalize: false);
        var pixels = new ImagePreprocessor(config).Preprocess(File.ReadAllBytes(Path.Combine(Dir, "input.png"))); // [3,H,W]
        Assert.Equal((height, width), (pixels.Height, pixels.Width));

        int maxDiff = 0, off = 0;
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < height * width; i++)
            {
                int d = Math.Abs((int)pixels.Data[c * height * width + i] - rgb[i * 3 + c]);
                maxDiff = Math.Max(maxDiff, d);
                if (d > 0) off++;
            }
        output.WriteLine($"{name}: max abs diff {maxDiff} u8 levels, {off} of {rgb.Length} values differ");
        // ImageMagick filters in floating point, Pillow in 22-bit fixed point with two 8-bit roundings
        // (horizontal pass, then vertical): observed 1 level down-scaling, 2 up-scaling.
        Assert.True(maxDiff <= 2, $"{name}: max abs diff {maxDiff} u8 levels");
    }
}
