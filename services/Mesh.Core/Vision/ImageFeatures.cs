namespace Mesh.Core.Vision;

/// <summary>Vision tower output, row-major float32 of shape [<paramref name="Batch"/>, <paramref name="Tokens"/>, <paramref name="Dim"/>].</summary>
/// <param name="Data">Values, length Batch * Tokens * Dim.</param>
/// <param name="Batch">Images.</param>
/// <param name="Tokens">Image tokens per image (patches).</param>
/// <param name="Dim">Feature width (the decoder's hidden size for <c>image_features</c>).</param>
public sealed record ImageFeatures(float[] Data, int Batch, int Tokens, int Dim);
