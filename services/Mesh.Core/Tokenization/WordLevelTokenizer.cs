using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mesh.Core.Tokenization;

/// <summary>
/// A WordLevel <c>tokenizer.json</c>: every word is one id, unknown words map to <c>unk_token</c>.
/// Microsoft.ML.Tokenizers 2.0.1 has no WordLevel model, and a word lookup is too small to bend BPE into,
/// so this is implemented here, following HF's <c>Whitespace</c> (<c>\w+|[^\w\s]+</c>) and
/// <c>WhitespaceSplit</c> pre-tokenizers. Added tokens are matched whole before splitting.
/// </summary>
public sealed class WordLevelTokenizer : ITextTokenizer
{
    private readonly Dictionary<string, int> _vocab;
    private readonly string[] _words; // id -> word
    private readonly int _unkId;
    private readonly HashSet<int> _special;
    private readonly Regex _split;
    private readonly Regex? _addedTokens;

    /// <summary>Creates the tokenizer from a vocabulary that contains <paramref name="unkToken"/>.</summary>
    public WordLevelTokenizer(
        IReadOnlyDictionary<string, int> vocab, string unkToken, IReadOnlyDictionary<string, int>? addedTokens = null,
        IEnumerable<int>? specialIds = null, bool splitPunctuation = true, string? bosToken = null, string? eosToken = null)
    {
        _vocab = new Dictionary<string, int>(vocab, StringComparer.Ordinal);
        foreach (var (token, id) in addedTokens ?? new Dictionary<string, int>())
            _vocab[token] = id;
        if (!_vocab.TryGetValue(unkToken, out _unkId))
            throw new InvalidDataException($"WordLevel unk_token '{unkToken}' is not in the vocabulary.");
        VocabSize = _vocab.Values.Max() + 1;
        _words = new string[VocabSize];
        foreach (var (word, id) in _vocab)
            _words[id] = word;
        _special = [.. specialIds ?? []];
        _split = splitPunctuation ? new Regex(@"\w+|[^\w\s]+") : new Regex(@"\S+");
        if (addedTokens is { Count: > 0 })
            _addedTokens = new Regex(string.Join('|', addedTokens.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)));
        BosId = bosToken is not null && _vocab.TryGetValue(bosToken, out int bos) ? bos : null;
        EosId = eosToken is not null && _vocab.TryGetValue(eosToken, out int eos) ? eos : null;
    }

    /// <inheritdoc />
    public int VocabSize { get; }

    /// <inheritdoc />
    public int? BosId { get; }

    /// <inheritdoc />
    public int? EosId { get; }

    /// <summary>The id unknown words map to.</summary>
    public int UnknownId => _unkId;

    /// <inheritdoc />
    public IReadOnlyList<int> Encode(string text, bool addBos)
    {
        var ids = new List<int>();
        if (addBos && BosId is int bos)
            ids.Add(bos);
        int start = 0;
        if (_addedTokens is not null)
        {
            foreach (Match added in _addedTokens.Matches(text))
            {
                EncodeWords(text[start..added.Index], ids);
                ids.Add(_vocab[added.Value]);
                start = added.Index + added.Length;
            }
        }
        EncodeWords(text[start..], ids);
        return ids;
    }

    private void EncodeWords(string segment, List<int> ids)
    {
        foreach (Match word in _split.Matches(segment))
            ids.Add(_vocab.TryGetValue(word.Value, out int id) ? id : _unkId);
    }

    /// <inheritdoc />
    public string Decode(IEnumerable<int> ids) =>
        string.Join(' ', ids.Where(id => !_special.Contains(Check(id))).Select(id => _words[id] ?? ""));

    /// <inheritdoc />
    public string DecodeToken(int id) => _special.Contains(Check(id)) ? "" : " " + (_words[id] ?? "");

    private int Check(int id) =>
        id >= 0 && id < VocabSize ? id
            : throw new ArgumentException($"Token id {id} is outside the vocabulary [0, {VocabSize}).", nameof(id));

    internal static WordLevelTokenizer FromJson(JsonElement root, string? bosToken, string? eosToken)
    {
        var model = root.GetProperty("model");
        var vocab = model.GetProperty("vocab").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal);
        string unk = TokenizerJson.OptionalString(model, "unk_token")
            ?? throw new InvalidDataException("WordLevel tokenizer.json has no model.unk_token.");
        var (added, special) = TokenizerJson.AddedTokens(root);
        bool splitPunctuation = !TokenizerJson.PreTokenizerTypes(root).Contains("WhitespaceSplit");
        return new WordLevelTokenizer(vocab, unk, added, special, splitPunctuation, bosToken, eosToken);
    }
}
