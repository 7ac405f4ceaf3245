using Mesh.Core.Tokenization;

namespace Mesh.Core.Tests.Tokenization;

public class WordLevelTokenizerTests
{
    private readonly ITextTokenizer _tokenizer = TokenizerJson.Parse(WordLevelTokenizerJson.Text, bosToken: "<s>", eosToken: "</s>");

    [Fact]
    public void RoundTripsKnownWords()
    {
        Assert.IsType<WordLevelTokenizer>(_tokenizer);
        var ids = _tokenizer.Encode("a red circle at the top.", addBos: true);
        Assert.Equal([1, 4, 5, 6, 7, 8, 9, 10], ids);
        Assert.Equal("a red circle at the top .", _tokenizer.Decode(ids));
        Assert.Equal((11, 1, 2), (_tokenizer.VocabSize, _tokenizer.BosId, _tokenizer.EosId));
    }

    [Fact]
    public void UnknownWordsMapToUnk() =>
        Assert.Equal([4, 0, 6], _tokenizer.Encode("a blue circle", addBos: false));

    [Fact]
    public void AddedTokensMatchWholeAndSpecialTokensDecodeToNothing()
    {
        Assert.Equal([3, 4, 6], _tokenizer.Encode("<image>a circle", addBos: false));
        Assert.Equal("a circle", _tokenizer.Decode([1, 4, 6, 2]));
        Assert.Equal("", _tokenizer.DecodeToken(2));
        Assert.Equal(" circle", _tokenizer.DecodeToken(6));
    }
}
