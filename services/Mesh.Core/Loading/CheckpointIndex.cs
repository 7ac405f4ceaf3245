using System.Text.Json;

namespace Mesh.Core.Loading;

/// <summary>
/// Reads a sharded checkpoint's index, <c>model.safetensors.index.json</c>:
/// <c>{"metadata": {...}, "weight_map": {tensor name: shard file name}}</c>.
/// </summary>
internal static class CheckpointIndex
{
    public const string FileName = "model.safetensors.index.json";

    /// <summary>Tensor name to shard file name, in the index's order.</summary>
    public static Dictionary<string, string> ReadWeightMap(string indexPath)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(indexPath));
        }
        catch (JsonException e)
        {
            throw new SafeTensorsException(indexPath, null, $"the index is not valid JSON: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SafeTensorsException(indexPath, null, $"cannot read the index: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("weight_map", out var weightMap)
                || weightMap.ValueKind != JsonValueKind.Object)
            {
                throw new SafeTensorsException(indexPath, null, "the index has no \"weight_map\" object");
            }
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in weightMap.EnumerateObject())
            {
                var shard = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : "";
                if (!IsPlainFileName(shard))
                {
                    throw new SafeTensorsException(indexPath, entry.Name,
                        $"the weight_map entry {entry.Value.GetRawText()} is not a file name beside the index");
                }
                if (!map.TryAdd(entry.Name, shard))
                {
                    throw new SafeTensorsException(indexPath, entry.Name, "the weight_map names it twice");
                }
            }
            return map;
        }
    }

    // Shards live beside the index; a path that climbs out or is rooted is not a shard of this checkpoint.
    private static bool IsPlainFileName(string name) =>
        name.Length > 0 && name != "." && name != ".." && Path.GetFileName(name) == name && !name.Contains('\\');
}
