namespace Mesh.Core.Loading;

/// <summary>
/// A safetensors file or checkpoint that cannot be read as asked: a corrupt or truncated file, an unknown
/// dtype, a missing tensor or shard. The message names the file and, where one is involved, the tensor.
/// </summary>
public sealed class SafeTensorsException : Exception
{
    /// <summary>Creates the exception; the message reads "<c>path: tensor 'name': detail</c>".</summary>
    public SafeTensorsException(string filePath, string? tensorName, string detail, Exception? innerException = null)
        : base(Format(filePath, tensorName, detail), innerException)
    {
        FilePath = filePath;
        TensorName = tensorName;
    }

    /// <summary>The file (or checkpoint index, or directory) the problem was found in.</summary>
    public string FilePath { get; }

    /// <summary>The tensor involved, if any.</summary>
    public string? TensorName { get; }

    private static string Format(string filePath, string? tensorName, string detail) =>
        tensorName is null ? $"{filePath}: {detail}" : $"{filePath}: tensor '{tensorName}': {detail}";
}
