using System.Text.Json;

namespace Mesh.Core.Loading;

/// <summary>
/// Parses and fully validates a safetensors JSON header:
/// <c>{name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {string: string}}</c>.
/// </summary>
internal static class SafeTensorsHeader
{
    public const string MetadataKey = "__metadata__";

    /// <summary>The tensors (checked against a data section of <paramref name="dataLength"/> bytes) and the metadata.</summary>
    public static (Dictionary<string, SafeTensorInfo> Tensors, Dictionary<string, string> Metadata) Parse(
        string path, byte[] json, long dataLength)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new SafeTensorsException(path, null, $"the header is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SafeTensorsException(path, null, $"the header is a JSON {document.RootElement.ValueKind}, not an object");
            }

            var tensors = new Dictionary<string, SafeTensorInfo>(StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw new SafeTensorsException(path, property.Name, "the header names it twice");
                }
                if (property.Name == MetadataKey)
                {
                    ReadMetadata(path, property.Value, metadata);
                }
                else
                {
                    tensors.Add(property.Name, ReadEntry(path, property.Name, property.Value, dataLength));
                }
            }
            CheckLayout(path, tensors.Values, dataLength);
            return (tensors, metadata);
        }
    }

    private static void ReadMetadata(string path, JsonElement element, Dictionary<string, string> metadata)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SafeTensorsException(path, null, $"\"{MetadataKey}\" is a JSON {element.ValueKind}, not an object of strings");
        }
        foreach (var entry in element.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                throw new SafeTensorsException(path, null, $"metadata \"{entry.Name}\" is a JSON {entry.Value.ValueKind}, not a string");
            }
            metadata[entry.Name] = entry.Value.GetString()!;
        }
    }

    private static SafeTensorInfo ReadEntry(string path, string name, JsonElement entry, long dataLength)
    {
        SafeTensorsException Bad(string detail) => new(path, name, detail);

        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw Bad($"the header entry is a JSON {entry.ValueKind}, not an object");
        }
        if (!entry.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
        {
            throw Bad("the header entry has no \"dtype\" string");
        }
        var dtypeText = dtypeElement.GetString()!;
        if (!SafeTensorDTypes.TryParse(dtypeText, out var dtype))
        {
            throw Bad($"unknown dtype \"{dtypeText}\" (known: {string.Join(", ", Enum.GetNames<SafeTensorDType>())})");
        }
        var shape = ReadIntegers(entry, "shape", -1) ?? throw Bad("\"shape\" is not an array of non-negative integers");
        var offsets = ReadIntegers(entry, "data_offsets", 2)
            ?? throw Bad("\"data_offsets\" is not an array of two non-negative integers");
        long begin = offsets[0], end = offsets[1];
        if (begin > end)
        {
            throw Bad($"data_offsets [{begin}, {end}] end before they begin");
        }
        if (end > dataLength)
        {
            throw Bad($"data_offsets [{begin}, {end}] run past the data section's {dataLength} bytes (file truncated?)");
        }
        long expected;
        try
        {
            expected = checked(shape.Aggregate(1L, (count, dim) => count * dim) * dtype.ElementSize());
        }
        catch (OverflowException)
        {
            throw Bad($"shape [{string.Join(", ", shape)}] overflows a 64-bit byte count");
        }
        if (end - begin != expected)
        {
            throw Bad($"data_offsets [{begin}, {end}] hold {end - begin} bytes, but {dtype} [{string.Join(", ", shape)}] needs {expected}");
        }
        return new SafeTensorInfo(name, dtype, shape, begin, end);
    }

    /// <summary>The property as non-negative integers (of <paramref name="count"/> of them unless -1), or null.</summary>
    private static long[]? ReadIntegers(JsonElement entry, string property, int count)
    {
        if (!entry.TryGetProperty(property, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        if (count >= 0 && array.GetArrayLength() != count)
        {
            return null;
        }
        var values = new long[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var value) || value < 0)
            {
                return null;
            }
            values[i++] = value;
        }
        return values;
    }

    /// <summary>
    /// The format's rule: the tensors tile the data section exactly, with no overlap, hole or trailing bytes
    /// (so that a file cannot hide a second payload, and so that truncation is always noticed).
    /// </summary>
    private static void CheckLayout(string path, IEnumerable<SafeTensorInfo> tensors, long dataLength)
    {
        long position = 0;
        SafeTensorInfo? previous = null;
        foreach (var info in tensors.OrderBy(t => t.Begin).ThenBy(t => t.End))
        {
            if (info.Begin < position)
            {
                throw new SafeTensorsException(path, info.Name,
                    $"data_offsets [{info.Begin}, {info.End}] overlap tensor '{previous!.Name}' [{previous.Begin}, {previous.End}]");
            }
            if (info.Begin > position)
            {
                throw new SafeTensorsException(path, info.Name,
                    $"data_offsets [{info.Begin}, {info.End}] leave a hole of {info.Begin - position} bytes before them");
            }
            position = info.End;
            previous = info;
        }
        if (position != dataLength)
        {
            throw new SafeTensorsException(path, null,
                $"the data section holds {dataLength} bytes but the tensors cover {position}");
        }
    }
}
