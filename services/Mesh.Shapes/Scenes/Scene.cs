using ImageMagick;
using ImageMagick.Formats;

namespace Mesh.Shapes.Scenes;

/// <summary>
/// One generated scene: the image as row-major RGB bytes [ImageSize, ImageSize, 3], its objects in reading
/// order (by cell), the canonical description and the question/answer pairs.
/// </summary>
public sealed record Scene(
    ulong Seed, int ImageSize, byte[] Rgb, IReadOnlyList<SceneObject> Objects, string Description, IReadOnlyList<QuestionAnswer> Questions)
{
    /// <summary>The (r, g, b) of pixel (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public (byte R, byte G, byte B) Pixel(int x, int y)
    {
        int at = (y * ImageSize + x) * 3;
        return (Rgb[at], Rgb[at + 1], Rgb[at + 2]);
    }

    /// <summary>
    /// The image as an 8-bit RGB PNG. Ancillary chunks (time, gamma, text) are left out, so the same scene
    /// always encodes to the same bytes.
    /// </summary>
    public byte[] EncodePng() => EncodePng(Rgb, ImageSize, ImageSize);

    /// <inheritdoc cref="EncodePng()"/>
    public static byte[] EncodePng(byte[] rgb, int width, int height)
    {
        using var image = new MagickImage();
        image.ReadPixels(rgb, new PixelReadSettings((uint)width, (uint)height, StorageType.Char, PixelMapping.RGB));
        image.Settings.SetDefines(new PngWriteDefines { ExcludeChunks = PngChunkFlags.All });
        return image.ToByteArray(MagickFormat.Png24);
    }
}
