using System.ComponentModel.DataAnnotations;

namespace Mesh.Core.Vision;

/// <summary>
/// Limits checked before an image is decoded in full. These defaults serve local use (the CLI reading files); the
/// services take theirs from the mesh's one <c>ImageLimits</c> section, whose byte limit fits in a gRPC message.
/// </summary>
/// <param name="MaxPixels">Largest width * height accepted (default 40 megapixels).</param>
/// <param name="MaxBytes">Largest encoded size accepted (default 32 MiB).</param>
/// <param name="MaxPixelsPerByte">
/// Above <see cref="RatioFloorPixels"/>, most pixels an image may declare per encoded byte (default 1024): decoding
/// costs time and memory by the pixel, so a few kilobytes declaring tens of megapixels (a decompression bomb) would
/// cost far more than they weigh. Photographs hold 1 to 30 pixels per byte; a flat synthetic PNG a few hundred.
/// </param>
public sealed record ImageLimits(
    [property: Range(1, long.MaxValue)] long MaxPixels = 40_000_000,
    [property: Range(1, int.MaxValue)] int MaxBytes = 32 * 1024 * 1024,
    [property: Range(1, int.MaxValue)] int MaxPixelsPerByte = 1024)
{
    /// <summary>Images of at most this many pixels (1 megapixel) are cheap to decode whatever their size in bytes.</summary>
    public const long RatioFloorPixels = 1 << 20;
}
