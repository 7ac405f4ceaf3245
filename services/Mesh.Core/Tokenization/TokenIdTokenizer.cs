using System.Globalization;

namespace Mesh.Core.Tokenization;

/// <summary>
/// For models without tokenizer files (the parity fixture): the "text" is the ids themselves,
/// integers separated by spaces or commas; decoding prints ids joined by spaces.
/// </summary>
public sealed class TokenIdTokenizer : ITextTokenizer
{
    /// <summary>Creates the tokenizer for ids in [0, <paramref name="vocabSize"/>).</summary>
    public TokenIdTokenizer(int vocabSize, int? bosId = null, int? eosId = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabSize, 1);
        VocabSize = vocabSize;
        BosId = bosId is null ? null : Check(bosId.Value);
        EosId = eosId is null ? null : Check(eosId.Value);
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
        var ids = new List<int>();
        if (addBos && BosId is int bos)
            ids.Add(bos);
        foreach (var part in text.Split([' ', ',', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int id))
                throw new ArgumentException(
                    $"'{part}' is not a token id; this model has no tokenizer, so the prompt must be integers in [0, {VocabSize}) separated by spaces or commas.",
                    nameof(text));
            ids.Add(Check(id));
        }
        return ids;
    }

    /// <inheritdoc />
    public string Decode(IEnumerable<int> ids) =>
        string.Join(' ', ids.Select(id => Check(id).ToString(CultureInfo.InvariantCulture)));

    /// <inheritdoc />
    public string DecodeToken(int id) => " " + Check(id).ToString(CultureInfo.InvariantCulture);

    private int Check(int id) =>
        id >= 0 && id < VocabSize ? id
            : throw new ArgumentException($"Token id {id} is outside the vocabulary [0, {VocabSize}).", nameof(id));
}
