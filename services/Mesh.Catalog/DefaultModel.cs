namespace Mesh.Catalog;

/// <summary>
/// The model a service loads when none is configured. One function, so that the default can change
/// (to the trained Shapes-world model) in one place.
/// </summary>
public static class DefaultModel
{
    /// <summary>Directory name of the default model under <c>models/</c>.</summary>
    public const string Name = "shapes-vlm";

    /// <summary>How a service's messages name the model directory it loads: <paramref name="configured"/>, or the default.</summary>
    public static string SourceOf(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? $"the default model models/{Name}" : $"model directory {configured}";

    /// <summary>
    /// <c>models/<see cref="Name"/></c> in the nearest directory, from the application's base directory
    /// upward and then from the working directory upward (a source checkout or an image with <c>models/</c>).
    /// </summary>
    public static string ResolveDirectory()
    {
        string[] starts = [AppContext.BaseDirectory, Directory.GetCurrentDirectory()];
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "models", Name);
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            $"No models/{Name} above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}; set the service's ModelDirectory.");
    }
}
