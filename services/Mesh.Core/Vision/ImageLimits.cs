using System.ComponentModel.DataAnnotations;

namespace Mesh.Core.Vision;

/// <summary>
/// Limits checked before an image is decoded in full. These defaults serve local use (the CLI reading files); the
/// services take theirs from the mesh's one <c>ImageLimits</c> section, whose byte limit fits in a gRPC message.
/// </summary>
/// <param name="MaxPixels">Largest width * height accepted (default 40 megapixels).</param>
/// <param name="MaxBytes">Largest encoded size accepted (default 32 MiB).</param>
public sealed record ImageLimits(
    [property: Range(1, long.MaxValue)] long MaxPixels = 40_000_000,
    [property: Range(1, int.MaxValue)] int MaxBytes = 32 * 1024 * 1024);
