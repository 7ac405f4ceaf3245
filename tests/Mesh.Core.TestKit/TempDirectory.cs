using System.Buffers.Binary;
using System.Text;

namespace Mesh.Core.TestKit;

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mesh-loading-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>
    /// Writes a hand-made safetensors file: the 8-byte length (the header's own length unless
    /// <paramref name="lengthField"/> overrides it), the header text, then <paramref name="dataBytes"/> zero bytes.
    /// </summary>
    public string WriteRaw(string name, string header, long dataBytes, ulong? lengthField = null)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, lengthField ?? (ulong)json.Length);
        json.CopyTo(bytes, 8);
        var path = File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A mapping still open elsewhere in a failing test; the temp folder is the system's to clean.
        }
    }
}
