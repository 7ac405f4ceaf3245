using Mesh.Core.Vision;

namespace Mesh.Localization;

/// <summary>A decoded image as 8-bit RGB, row-major [Height, Width, 3].</summary>
public sealed record RgbImage(int Height, int Width, byte[] Rgb)
{
    // Decoding only: no resize, crop, rescale or normalisation, so the preprocessor hands back the raw 0-255 values
    // after its format and size checks.
    static readonly PreprocessorConfig AsDecoded = new(DoResize: false, DoCenterCrop: false, DoRescale: false, DoNormalize: false);

    /// <summary>Decodes PNG, JPEG, GIF, BMP, WebP or TIFF bytes; throws <see cref="InvalidImageException"/> for anything else or over <paramref name="limits"/>.</summary>
    public static RgbImage Decode(ReadOnlySpan<byte> encoded, ImageLimits? limits = null)
    {
        var planes = new ImagePreprocessor(AsDecoded, limits).Preprocess(encoded); // [3, H, W] floats 0..255
        int pixels = planes.Height * planes.Width;
        var rgb = new byte[pixels * 3]; // [H, W, 3]
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < pixels; i++)
                rgb[i * 3 + c] = (byte)planes.Data[c * pixels + i];
        return new RgbImage(planes.Height, planes.Width, rgb);
    }
}
