using System.Text.Json;

namespace Mesh.Core.Tokenization;

/// <summary>Picks a model directory's tokenizer: <c>tokenizer.model</c>, else <c>tokenizer.json</c>, else token ids.</summary>
public static class TokenizerLoader
{
    /// <summary>
    /// Loads the tokenizer of <paramref name="modelDirectory"/>. BOS/EOS come from <c>tokenizer_config.json</c>
    /// or <c>special_tokens_map.json</c>; for a model without tokenizer files, from the generation or model config.
    /// Throws <see cref="InvalidDataException"/> when the tokenizer has ids beyond <paramref name="vocabSize"/>.
    /// </summary>
    public static ITextTokenizer Load(string modelDirectory, int vocabSize)
    {
        var (bos, eos) = SpecialTokenNames(modelDirectory);
        string spm = Path.Combine(modelDirectory, "tokenizer.model"), json = Path.Combine(modelDirectory, "tokenizer.json");
        ITextTokenizer tokenizer;
        if (File.Exists(spm))
        {
            using var stream = File.OpenRead(spm);
            tokenizer = new SentencePieceTextTokenizer(stream, bos, eos);
        }
        else if (File.Exists(json))
            tokenizer = TokenizerJson.Load(json, bos, eos);
        else
            tokenizer = new TokenIdTokenizer(vocabSize, ConfigId(modelDirectory, "bos_token_id"), ConfigId(modelDirectory, "eos_token_id"));

        if (tokenizer.VocabSize > vocabSize)
            throw new InvalidDataException(
                $"{modelDirectory}: the tokenizer has {tokenizer.VocabSize} ids but the model's vocabulary holds {vocabSize}.");
        return tokenizer;
    }

    /// <summary>bos_token / eos_token, each a string or an AddedToken object with "content".</summary>
    private static (string? Bos, string? Eos) SpecialTokenNames(string directory)
    {
        foreach (var name in new[] { "tokenizer_config.json", "special_tokens_map.json" })
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
                continue;
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            string? bos = TokenName(doc.RootElement, "bos_token"), eos = TokenName(doc.RootElement, "eos_token");
            if (bos is not null || eos is not null)
                return (bos, eos);
        }
        return (null, null);
    }

    private static string? TokenName(JsonElement root, string key) =>
        !root.TryGetProperty(key, out var v) ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : v.ValueKind == JsonValueKind.Object ? TokenizerJson.OptionalString(v, "content")
        : null;

    /// <summary>An id from generation_config.json, else config.json (top level or text_config).</summary>
    private static int? ConfigId(string directory, string key)
    {
        foreach (var name in new[] { "generation_config.json", "config.json" })
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
                continue;
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            if (root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number)
                return v.GetInt32();
            if (root.TryGetProperty("text_config", out var text) && text.TryGetProperty(key, out v) && v.ValueKind == JsonValueKind.Number)
                return v.GetInt32();
        }
        return null;
    }
}
