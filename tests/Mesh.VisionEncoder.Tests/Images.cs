using Mesh.TestKit;
using ImageMagick;
using Mesh.ServiceDefaults.Hosting;

namespace Mesh.VisionEncoder.Tests;

/// <summary>Test images: the fixture image of the bundled model, and distinct generated ones.</summary>
internal static class Images
{
    /// <summary>tests/fixtures/tiny-llava/image.png (32x32 RGB).</summary>
    public static byte[] Fixture { get; } = TinyLlava.Image;

    /// <summary>A PNG of one colour, the same bytes for the same <paramref name="seed"/>; different seeds give different bytes (and cache keys).</summary>
    public static byte[] Solid(int seed, uint size = 32)
    {
        var colour = new MagickColor((byte)(seed * 37), (byte)(seed * 91), (byte)(seed * 13));
        using var image = new MagickImage(colour, size, size);
        image.Settings.SetDefine(MagickFormat.Png, "exclude-chunks", "date,time"); // no timestamps: same seed, same bytes
        return image.ToByteArray(MagickFormat.Png);
    }
}
