using ImageMagick;
using Mesh.Core.Vision;
using Xunit.Abstractions;

namespace Mesh.Core.Tests.Vision;

public class ImagePreprocessorTests(ITestOutputHelper output)
{
    private static readonly PreprocessorConfig FixtureConfig =
        PreprocessorConfig.Load(Path.Combine(TestPaths.TinyLlava, "preprocessor_config.json"));

    [Fact]
    public void FixtureImageMatchesTheReferencePixelValues()
    {
        var pixels = new ImagePreprocessor(FixtureConfig).Preprocess(File.ReadAllBytes(Path.Combine(TestPaths.TinyLlava, "image.png")));
        var expected = Reference.ReadF32(Path.Combine(TestPaths.TinyLlava, "reference.safetensors"), "pixel_values"); // [1,3,32,32]

        Assert.Equal((32, 32), (pixels.Height, pixels.Width));
        float diff = Reference.MaxAbsDiff(expected, pixels.Data);
        output.WriteLine($"pixel_values: max abs diff {diff:E2}");
        Assert.True(diff <= 1e-6f, $"pixel_values: max abs diff {diff} > 1e-6");
    }

    [Theory]
    [InlineData(64, 48, 42, 32)] // landscape: height is the short edge; width int(64 * 32 / 48) = 42
    [InlineData(48, 64, 32, 42)] // portrait
    public void ResizesTheShortestEdge(int width, int height, int expectedWidth, int expectedHeight)
    {
        var preprocessor = new ImagePreprocessor(FixtureConfig);
        Assert.Equal((expectedHeight, expectedWidth), preprocessor.ResizeTarget(height, width));

        var uncropped = new ImagePreprocessor(FixtureConfig with { DoCenterCrop = false }).Preprocess(Png(width, height));
        Assert.Equal((expectedHeight, expectedWidth), (uncropped.Height, uncropped.Width));
        Assert.Equal(3 * expectedHeight * expectedWidth, uncropped.Data.Length);

        var cropped = preprocessor.Preprocess(Png(width, height));
        Assert.Equal((32, 32), (cropped.Height, cropped.Width));
        Assert.Equal(3 * 32 * 32, cropped.Data.Length);
    }

    [Fact]
    public void CentreCropTakesTheMiddleWithFloorRounding()
    {
        // No resize, so the crop is the only geometry: 7 wide to 4 wide starts at (7-4)//2 = 1.
        var config = FixtureConfig with { DoResize = false, CropHeight = 2, CropWidth = 4, DoNormalize = false, DoRescale = false };
        using var image = new MagickImage(MagickColors.Black, 7, 2);
        using (var pixels = image.GetPixels())
        {
            for (int x = 0; x < 7; x++)
            {
                pixels.SetPixel(x, 0, [(byte)(10 * x), 0, 0]);
                pixels.SetPixel(x, 1, [(byte)(10 * x), 0, 0]);
            }
        }
        var result = new ImagePreprocessor(config).Preprocess(image.ToByteArray(MagickFormat.Png));
        Assert.Equal(new float[] { 10, 20, 30, 40 }, result.Data[..4]);
    }

    [Fact]
    public void GreyAndAlphaImagesBecomeThreeChannels()
    {
        using var grey = new MagickImage(new MagickColor("#808080"), 40, 40);
        grey.ColorType = ColorType.Grayscale;
        var config = FixtureConfig with { DoNormalize = false };
        var result = new ImagePreprocessor(config).Preprocess(grey.ToByteArray(MagickFormat.Png));
        Assert.All(result.Data, v => Assert.Equal(128 / 255f, v, 1e-6f));

        using var translucent = new MagickImage(new MagickColor(200, 100, 50, 10), 32, 32);
        var rgba = new ImagePreprocessor(config).Preprocess(translucent.ToByteArray(MagickFormat.Png));
        Assert.Equal(new[] { 200 / 255f, 100 / 255f, 50 / 255f }, new[] { rgba.Data[0], rgba.Data[1024], rgba.Data[2048] });
    }

    [Theory]
    [InlineData(new byte[0], "empty")]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, "could not be decoded")]
    public void BadBytesAreInvalidImages(byte[] bytes, string reason)
    {
        var e = Assert.Throws<InvalidImageException>(() => new ImagePreprocessor(FixtureConfig).Preprocess(bytes));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void OversizedImagesAreRejectedBeforeDecoding()
    {
        var png = Png(64, 48);
        var pixels = Assert.Throws<InvalidImageException>(() =>
            new ImagePreprocessor(FixtureConfig, new ImageLimits(MaxPixels: 1000)).Preprocess(png));
        Assert.Contains("at most 1000 pixels", pixels.Message);

        var bytes = Assert.Throws<InvalidImageException>(() =>
            new ImagePreprocessor(FixtureConfig, new ImageLimits(MaxBytes: 10)).Preprocess(png));
        Assert.Contains("at most 10 bytes", bytes.Message);
    }

    [Fact]
    public void AFewKilobytesDeclaringMegapixelsAreRefusedFromTheHeader()
    {
        using var flat = new MagickImage(MagickColors.Black, 3000, 3000);
        byte[] bomb = flat.ToByteArray(MagickFormat.Png);
        Assert.True(bomb.Length * 1024L < 3000 * 3000, $"the flat PNG is {bomb.Length} bytes: not a bomb");

        var error = Assert.Throws<InvalidImageException>(() => new ImagePreprocessor(FixtureConfig).Preprocess(bomb));

        Assert.Contains("3000x3000 = 9000000 pixels", error.Message);
        Assert.Contains("at most 1024 pixels per encoded byte", error.Message);
    }

    [Fact]
    public void AFlatImageOfAtMostAMegapixelIsCheapEnoughAtAnyRatio()
    {
        using var flat = new MagickImage(MagickColors.Black, 1024, 1024);
        byte[] png = flat.ToByteArray(MagickFormat.Png);
        Assert.True(png.Length * 1024L < 1024 * 1024, $"the flat PNG is {png.Length} bytes");

        Assert.Equal(3 * FixtureConfig.CropHeight * FixtureConfig.CropWidth, new ImagePreprocessor(FixtureConfig).Preprocess(png).Data.Length);
    }

    [Fact]
    public void NonRasterFormatsAreRefused()
    {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"><rect width=\"8\" height=\"8\"/></svg>"u8.ToArray();
        Assert.Throws<InvalidImageException>(() => new ImagePreprocessor(FixtureConfig).Preprocess(svg));
    }

    [Theory]
    [InlineData(32, 32)] // the model's own size: no resize, no codec
    [InlineData(64, 48)] // resized and cropped through ImageMagick
    [InlineData(40, 40)] // square, shrunk
    public void RawPixelsGiveExactlyWhatTheirPngGives(int width, int height)
    {
        var rgb = new byte[width * height * 3];
        new Random(width * 1000 + height).NextBytes(rgb);
        var preprocessor = new ImagePreprocessor(FixtureConfig);

        var fromPng = preprocessor.Preprocess(EncodePng(rgb, width, height));
        var fromRgb = preprocessor.PreprocessRgb(rgb, width, height);

        Assert.Equal((fromPng.Height, fromPng.Width), (fromRgb.Height, fromRgb.Width));
        Assert.Equal(fromPng.Data.Select(BitConverter.SingleToInt32Bits), fromRgb.Data.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void RawPixelsOfTheWrongLengthOrTooManyAreRefused()
    {
        var preprocessor = new ImagePreprocessor(FixtureConfig, new ImageLimits(MaxPixels: 1000));
        var wrong = Assert.Throws<ArgumentException>(() => preprocessor.PreprocessRgb(new byte[10], 2, 2));
        Assert.Contains("2x2 RGB pixels take 12 bytes; got 10", wrong.Message);
        var large = Assert.Throws<InvalidImageException>(() => preprocessor.PreprocessRgb(new byte[40 * 40 * 3], 40, 40));
        Assert.Contains("at most 1000 pixels", large.Message);
    }

    /// <summary>A gradient PNG so resizing has content to work on.</summary>
    internal static byte[] Png(int width, int height)
    {
        using var image = new MagickImage(MagickColors.Black, (uint)width, (uint)height);
        using (var pixels = image.GetPixels())
        {
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    pixels.SetPixel(x, y, [(byte)(x * 255 / width), (byte)(y * 255 / height), (byte)((x * y) % 256)]);
        }
        return image.ToByteArray(MagickFormat.Png);
    }

    static byte[] EncodePng(byte[] rgb, int width, int height)
    {
        using var image = new MagickImage();
        image.ReadPixels(rgb, new PixelReadSettings((uint)width, (uint)height, StorageType.Char, PixelMapping.RGB));
        return image.ToByteArray(MagickFormat.Png24);
    }
}
