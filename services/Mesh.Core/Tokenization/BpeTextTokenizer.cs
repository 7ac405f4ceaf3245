using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Mesh.Core.Tokenization;

/// <summary>A BPE <c>tokenizer.json</c> (GPT-2 style byte-level, or whitespace-split) on Microsoft.ML.Tokenizers.</summary>
public sealed partial class BpeTextTokenizer : ITextTokenizer
{
    private readonly BpeTokenizer _tokenizer;
    private readonly HashSet<int> _special;

    private BpeTextTokenizer(BpeTokenizer tokenizer, int vocabSize, HashSet<int> special, int? bosId, int? eosId)
    {
        (_tokenizer, VocabSize, _special, BosId, EosId) = (tokenizer, vocabSize, special, bosId, eosId);
    }

    /// <inheritdoc />
    public int VocabSize { get; }

    /// <inheritdoc />
    public int? BosId { get; }

    /// <inheritdoc />
    public int? EosId { get; }

    /// <inheritdoc />
    public IReadOnlyList<int> Encode(string text, bool addBos)
    {
        var ids = _tokenizer.EncodeToIds(text);
        return addBos && BosId is int bos ? [bos, .. ids] : ids;
    }

    /// <inheritdoc />
    public string Decode(IEnumerable<int> ids) => _tokenizer.Decode(ids.Where(id => !_special.Contains(id)));

    /// <inheritdoc />
    public string DecodeToken(int id)
    {
        if (id < 0 || id >= VocabSize)
            throw new ArgumentException($"Token id {id} is outside the vocabulary [0, {VocabSize}).", nameof(id));
        return _special.Contains(id) ? "" : _tokenizer.Decode([id]);
    }

    // GPT-2's split, what a ByteLevel pre-tokenizer with use_regex=true applies.
    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+")]
    private static partial Regex Gpt2Split();

    internal static BpeTextTokenizer FromJson(JsonElement root, string? bosToken, string? eosToken)
    {
        var model = root.GetProperty("model");
        var vocab = model.GetProperty("vocab").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal);
        // Merges are "a b" strings, or [a, b] pairs in newer files.
        var merges = model.TryGetProperty("merges", out var m)
            ? m.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Array ? $"{e[0].GetString()} {e[1].GetString()}" : e.GetString()!).ToList()
            : [];
        var (added, special) = TokenizerJson.AddedTokens(root);
        var preTokenizers = TokenizerJson.PreTokenizerTypes(root);
        if (preTokenizers.Contains("Metaspace"))
            throw new NotSupportedException("BPE tokenizer.json with a Metaspace pre-tokenizer (SentencePiece-style) is not supported; use the model's tokenizer.model.");
        bool byteLevel = preTokenizers.Contains("ByteLevel");

        var options = new BpeOptions(vocab)
        {
            Merges = merges,
            SpecialTokens = added.Count > 0 ? added : null,
            UnknownToken = TokenizerJson.OptionalString(model, "unk_token"),
            ContinuingSubwordPrefix = TokenizerJson.OptionalString(model, "continuing_subword_prefix"),
            EndOfWordSuffix = TokenizerJson.OptionalString(model, "end_of_word_suffix"),
            FuseUnknownTokens = model.TryGetProperty("fuse_unk", out var f) && f.ValueKind == JsonValueKind.True,
            ByteLevel = byteLevel,
            PreTokenizer = byteLevel
                ? new RegexPreTokenizer(Gpt2Split(), added.Count > 0 ? added : null)
                : PreTokenizer.CreateWhiteSpace(added.Count > 0 ? added : null),
        };
        var tokenizer = BpeTokenizer.Create(options);

        int vocabSize = vocab.Values.Concat(added.Values).Max() + 1;
        int? Lookup(string? token) => token is null ? null : added.TryGetValue(token, out int a) ? a : vocab.TryGetValue(token, out int v) ? v : null;
        return new BpeTextTokenizer(tokenizer, vocabSize, special, Lookup(bosToken), Lookup(eosToken));
    }
}
