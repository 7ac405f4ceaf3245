namespace Mesh.Core.Vision;

/// <summary>One preprocessed image: float32 in CHW layout, shape [3, <paramref name="Height"/>, <paramref name="Width"/>].</summary>
/// <param name="Data">Channel-major values, length 3 * Height * Width.</param>
/// <param name="Height">Rows.</param>
/// <param name="Width">Columns.</param>
public sealed record PixelValues(float[] Data, int Height, int Width);
