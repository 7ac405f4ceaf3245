using System.Text.Json;

namespace Mesh.TestKit;

/// <summary>
/// The libraries a built service ships, read from its <c>NAME.deps.json</c> (copied beside the tests): what a
/// <c>dotnet build</c> or publish of that service puts in its output, packages and projects alike.
/// </summary>
public static class DepsFile
{
    /// <summary>Library names without versions (<c>TorchSharp-cpu</c>, <c>Mesh.Judging</c>) of <paramref name="assemblyName"/>.</summary>
    public static IReadOnlySet<string> Libraries(string assemblyName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assemblyName + ".deps.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("libraries").EnumerateObject()
            .Select(library => library.Name[..library.Name.LastIndexOf('/')])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The libraries of <paramref name="libraries"/> that belong to a model runtime: libtorch, ONNX Runtime or ImageMagick.</summary>
    public static IEnumerable<string> ModelRuntimes(IEnumerable<string> libraries) =>
        libraries.Where(name => name.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase)
                                || name.StartsWith("libtorch", StringComparison.OrdinalIgnoreCase)
                                || name.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.OrdinalIgnoreCase)
                                || name.StartsWith("Magick.NET", StringComparison.OrdinalIgnoreCase));
}
