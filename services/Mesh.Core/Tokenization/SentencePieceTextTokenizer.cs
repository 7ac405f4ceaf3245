using Microsoft.ML.Tokenizers;

namespace Mesh.Core.Tokenization;

/// <summary>A SentencePiece <c>tokenizer.model</c> as LLaMA and Vicuna ship it (BPE with byte fallback).</summary>
public sealed class SentencePieceTextTokenizer : ITextTokenizer
{
    private const char Whitespace = '\u2581'; // "▁", SentencePiece's escaped space

    private readonly SentencePieceTokenizer _tokenizer;
    private readonly string[] _pieces; // id -> piece

    /// <summary>Reads the model protobuf from <paramref name="model"/>; BOS/EOS pieces named in tokenizer_config.json override the model's own.</summary>
    public SentencePieceTextTokenizer(Stream model, string? bosToken = null, string? eosToken = null)
    {
        try
        {
            _tokenizer = LlamaTokenizer.Create(model, addBeginOfSentence: false, addEndOfSentence: false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"Not a readable SentencePiece model: {e.Message}", e);
        }
        VocabSize = _tokenizer.Vocabulary.Values.Max() + 1;
        _pieces = new string[VocabSize];
        foreach (var (piece, id) in _tokenizer.Vocabulary)
            _pieces[id] = piece;
        BosId = Lookup(bosToken) ?? NonNegative(_tokenizer.BeginningOfSentenceId);
        EosId = Lookup(eosToken) ?? NonNegative(_tokenizer.EndOfSentenceId);
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
        var ids = _tokenizer.EncodeToIds(text, addBeginningOfSentence: false, addEndOfSentence: false);
        return addBos && BosId is int bos ? [bos, .. ids] : ids;
    }

    /// <inheritdoc />
    public string Decode(IEnumerable<int> ids) => _tokenizer.Decode(ids, considerSpecialTokens: false);

    /// <inheritdoc />
    public string DecodeToken(int id)
    {
        if (id < 0 || id >= VocabSize)
            throw new ArgumentException($"Token id {id} is outside the vocabulary [0, {VocabSize}).", nameof(id));
        if (id == BosId || id == EosId || id == _tokenizer.UnknownId)
            return "";
        string piece = _pieces[id] ?? "";
        // Byte-fallback pieces "<0x41>": single ASCII bytes decode on their own; a lone byte of a
        // multi-byte character cannot, so it streams as "" and shows up in the final Decode.
        if (piece.Length == 6 && piece.StartsWith("<0x", StringComparison.Ordinal) && piece[5] == '>')
        {
            int b = Convert.ToInt32(piece[3..5], 16);
            return b < 0x80 ? ((char)b).ToString() : "";
        }
        return piece.Replace(Whitespace, ' ');
    }

    private int? Lookup(string? piece) =>
        piece is not null && _tokenizer.Vocabulary.TryGetValue(piece, out int id) ? id : null;

    private static int? NonNegative(int id) => id >= 0 ? id : null;
}
