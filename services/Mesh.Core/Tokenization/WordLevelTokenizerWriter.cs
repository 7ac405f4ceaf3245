using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mesh.Core.Tokenization;

/// <summary>
/// Writes a word-level vocabulary as Hugging Face files: <c>tokenizer.json</c> (a WordLevel model behind the
/// <c>Whitespace</c> pre-tokenizer, special tokens as added tokens) and <c>tokenizer_config.json</c> naming
/// the special tokens. <see cref="TokenizerLoader"/> reads them back as a <see cref="WordLevelTokenizer"/>,
/// and so does HF's <c>PreTrainedTokenizerFast</c>.
/// </summary>
public static partial class WordLevelTokenizerWriter
{
    /// <summary>The special tokens of a vocabulary; each must be one of its tokens.</summary>
    public sealed record SpecialTokens(string Unk, string? Bos = null, string? Eos = null, string? Pad = null, IReadOnlyList<string>? Others = null)
    {
        public IEnumerable<string> All => new[] { Pad, Bos, Eos, Unk }.Concat(Others ?? []).OfType<string>().Distinct();
    }

    /// <summary>HF's <c>Whitespace</c> pre-tokenizer: runs of word characters, and runs of other non-space characters.</summary>
    public static IEnumerable<string> PreTokenize(string text) => WhitespaceSplit().Matches(text).Select(m => m.Value);

    /// <summary>Writes the files for <paramref name="tokens"/> (id = position) into <paramref name="directory"/>.</summary>
    public static void Write(string directory, IReadOnlyList<string> tokens, SpecialTokens special)
    {
        var vocab = new JsonObject();
        for (int id = 0; id < tokens.Count; id++)
        {
            if (vocab.ContainsKey(tokens[id]))
                throw new ArgumentException($"token '{tokens[id]}' appears twice in the vocabulary (ids {(int)vocab[tokens[id]]!} and {id})", nameof(tokens));
            vocab[tokens[id]] = id;
        }
        var added = new JsonArray();
        foreach (var token in special.All)
        {
            int id = vocab[token] is { } node ? (int)node : throw new ArgumentException($"special token '{token}' is not in the vocabulary", nameof(special));
            added.Add(new JsonObject
            {
                ["id"] = id, ["content"] = token, ["single_word"] = false, ["lstrip"] = false, ["rstrip"] = false,
                ["normalized"] = false, ["special"] = true,
            });
        }
        var tokenizer = new JsonObject
        {
            ["version"] = "1.0", ["truncation"] = null, ["padding"] = null, ["added_tokens"] = added, ["normalizer"] = null,
            ["pre_tokenizer"] = new JsonObject { ["type"] = "Whitespace" }, ["post_processor"] = null, ["decoder"] = null,
            ["model"] = new JsonObject { ["type"] = "WordLevel", ["vocab"] = vocab, ["unk_token"] = special.Unk },
        };
        var config = new JsonObject { ["tokenizer_class"] = "PreTrainedTokenizerFast", ["unk_token"] = special.Unk };
        foreach (var (key, value) in new[] { ("bos_token", special.Bos), ("eos_token", special.Eos), ("pad_token", special.Pad) })
            if (value is not null)
                config[key] = value;

        Directory.CreateDirectory(directory);
        var options = new JsonSerializerOptions { WriteIndented = true };
        File.WriteAllText(Path.Combine(directory, "tokenizer.json"), tokenizer.ToJsonString(options));
        File.WriteAllText(Path.Combine(directory, "tokenizer_config.json"), config.ToJsonString(options));
    }

    [GeneratedRegex(@"\w+|[^\w\s]+")]
    private static partial Regex WhitespaceSplit();
}
