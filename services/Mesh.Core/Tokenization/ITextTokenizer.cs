namespace Mesh.Core.Tokenization;

/// <summary>Text to token ids and back, whatever the tokenizer files of a model are.</summary>
public interface ITextTokenizer
{
    /// <summary>One more than the largest id this tokenizer can produce.</summary>
    int VocabSize { get; }

    /// <summary>Beginning-of-sequence id, when the model has one.</summary>
    int? BosId { get; }

    /// <summary>End-of-sequence id, when the model has one.</summary>
    int? EosId { get; }

    /// <summary>Encodes <paramref name="text"/>, prepending <see cref="BosId"/> when <paramref name="addBos"/> and there is one.</summary>
    IReadOnlyList<int> Encode(string text, bool addBos);

    /// <summary>Decodes ids to text; BOS, EOS and other special tokens are left out.</summary>
    string Decode(IEnumerable<int> ids);

    /// <summary>
    /// The text piece of one id for streaming, as it reads after earlier text: a word-initial piece keeps
    /// its leading space (which <see cref="Decode"/> drops at the very start); special tokens give "".
    /// </summary>
    string DecodeToken(int id);
}
