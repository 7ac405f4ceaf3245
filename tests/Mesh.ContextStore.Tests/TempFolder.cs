namespace Mesh.ContextStore.Tests;

/// <summary>A fresh folder under the temp folder, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("mesh-context-store-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a host shutting down; the temp folder is cleaned eventually.
        }
    }
}
