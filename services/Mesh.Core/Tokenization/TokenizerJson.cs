using System.Text.Json;

namespace Mesh.Core.Tokenization;

/// <summary>Reads a Hugging Face <c>tokenizer.json</c> and builds the tokenizer its <c>model.type</c> names.</summary>
public static class TokenizerJson
{
    /// <summary>Loads <paramref name="path"/>; BPE and WordLevel models are supported.</summary>
    public static ITextTokenizer Load(string path, string? bosToken = null, string? eosToken = null) =>
        Parse(File.ReadAllText(path), bosToken, eosToken);

    /// <summary>Parses the JSON text of a <c>tokenizer.json</c>.</summary>
    public static ITextTokenizer Parse(string json, string? bosToken = null, string? eosToken = null)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var model = root.GetProperty("model");
        string type = model.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
        return type switch
        {
            "BPE" => BpeTextTokenizer.FromJson(root, bosToken, eosToken),
            "WordLevel" => WordLevelTokenizer.FromJson(root, bosToken, eosToken),
            _ => throw new NotSupportedException($"tokenizer.json model type '{type}' is not supported; BPE and WordLevel are."),
        };
    }

    /// <summary>added_tokens: content -> id, and the ids flagged special.</summary>
    internal static (Dictionary<string, int> Added, HashSet<int> Special) AddedTokens(JsonElement root)
    {
        var added = new Dictionary<string, int>(StringComparer.Ordinal);
        var special = new HashSet<int>();
        if (root.TryGetProperty("added_tokens", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var token in list.EnumerateArray())
            {
                int id = token.GetProperty("id").GetInt32();
                added[token.GetProperty("content").GetString()!] = id;
                if (token.TryGetProperty("special", out var s) && s.ValueKind == JsonValueKind.True)
                    special.Add(id);
            }
        }
        return (added, special);
    }

    /// <summary>The pre-tokenizer types, flattening a <c>Sequence</c>.</summary>
    internal static HashSet<string> PreTokenizerTypes(JsonElement root)
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        if (root.TryGetProperty("pre_tokenizer", out var pre) && pre.ValueKind == JsonValueKind.Object)
            Collect(pre, types);
        return types;

        static void Collect(JsonElement node, HashSet<string> types)
        {
            types.Add(node.GetProperty("type").GetString() ?? "");
            if (node.TryGetProperty("pretokenizers", out var children))
                foreach (var child in children.EnumerateArray())
                    Collect(child, types);
        }
    }

    internal static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
