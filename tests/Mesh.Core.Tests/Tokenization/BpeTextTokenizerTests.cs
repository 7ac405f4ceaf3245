using Mesh.Core.Tokenization;

namespace Mesh.Core.Tests.Tokenization;

public class BpeTextTokenizerTests
{
    // GPT-2 style byte-level BPE: "Ġ" is the byte-level form of a space.
    private const string Json = """
        {
          "added_tokens": [{"id": 17, "content": "<|endoftext|>", "special": true}],
          "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "use_regex": true},
          "decoder": {"type": "ByteLevel"},
          "model": {
            "type": "BPE",
            "vocab": {"h": 0, "e": 1, "l": 2, "o": 3, "w": 4, "r": 5, "d": 6, "Ġ": 7, "he": 8, "ll": 9, "hell": 10,
                      "hello": 11, "Ġw": 12, "or": 13, "Ġwor": 14, "ld": 15, "Ġworld": 16},
            "merges": ["h e", "l l", "he ll", "hell o", "Ġ w", "o r", "Ġw or", "l d", "Ġwor ld"]
          }
        }
        """;

    private readonly ITextTokenizer _tokenizer = TokenizerJson.Parse(Json, eosToken: "<|endoftext|>");

    [Fact]
    public void EncodesWithMergesAndRoundTrips()
    {
        Assert.IsType<BpeTextTokenizer>(_tokenizer);
        var ids = _tokenizer.Encode("hello world", addBos: false);
        Assert.Equal([11, 16], ids);
        Assert.Equal("hello world", _tokenizer.Decode(ids));
        Assert.Equal([8, 2, 16], _tokenizer.Encode("hel world", addBos: false));
    }

    [Fact]
    public void SpecialTokensEncodeWholeAndDecodeToNothing()
    {
        Assert.Equal((18, 17), (_tokenizer.VocabSize, _tokenizer.EosId));
        Assert.Null(_tokenizer.BosId);
        Assert.Equal([11, 17], _tokenizer.Encode("hello<|endoftext|>", addBos: false));
        Assert.Equal("hello", _tokenizer.Decode([11, 17]));
        Assert.Equal("", _tokenizer.DecodeToken(17));
    }

    [Fact]
    public void DecodeTokenKeepsTheLeadingSpace() => Assert.Equal(" world", _tokenizer.DecodeToken(16));

    [Fact]
    public void UnsupportedModelTypesAreNamed()
    {
        var e = Assert.Throws<NotSupportedException>(() => TokenizerJson.Parse("""{"model": {"type": "Unigram", "vocab": []}}"""));
        Assert.Contains("Unigram", e.Message);
    }
}
