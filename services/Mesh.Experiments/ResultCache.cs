using System.Text.Json;

namespace Mesh.Experiments;

/// <summary>
/// One JSON file per scene under <c>&lt;experiment&gt;/scenes/</c>, written atomically: a resumed run reads what is
/// there and computes only the rest. A file that does not parse, or that <paramref name="isComplete"/> rejects (saved
/// before the experiment gained a condition), is recomputed, never trusted.
/// </summary>
public sealed class ResultCache<T>(DirectoryInfo experimentFolder, bool resume, Func<T, bool>? isComplete = null)
{
    static readonly JsonSerializerOptions Json = new() { IncludeFields = true };
    readonly DirectoryInfo _folder = experimentFolder.CreateSubdirectory("scenes");

    public int Reused { get; private set; }

    public async Task<T> GetOrComputeAsync(string id, Func<Task<T>> compute)
    {
        string path = Path.Combine(_folder.FullName, id + ".json");
        if (resume && File.Exists(path))
        {
            try
            {
                var cached = JsonSerializer.Deserialize<T>(await File.ReadAllBytesAsync(path), Json);
                if (cached is not null && (isComplete is null || isComplete(cached))) { Reused++; return cached; }
            }
            catch (JsonException) { }
        }
        var result = await compute();
        string temp = path + ".tmp";
        await File.WriteAllBytesAsync(temp, JsonSerializer.SerializeToUtf8Bytes(result, Json));
        File.Move(temp, path, overwrite: true);
        return result;
    }
}
