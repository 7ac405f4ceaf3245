using Mesh.Core.Tokenization;

namespace Mesh.Core.Tests.Tokenization;

public class TokenIdTokenizerTests
{
    private readonly TokenIdTokenizer _tokenizer = new(384, bosId: 1, eosId: 2);

    [Fact]
    public void ParsesIdsSeparatedBySpacesOrCommas()
    {
        Assert.Equal([17, 250, 33, 71], _tokenizer.Encode("17 250, 33,71", addBos: false));
        Assert.Equal([1, 12, 190], _tokenizer.Encode(" 12  190 ", addBos: true));
    }

    [Fact]
    public void DecodesToIdsJoinedBySpaces()
    {
        Assert.Equal("76 117 341", _tokenizer.Decode([76, 117, 341]));
        Assert.Equal(" 76", _tokenizer.DecodeToken(76));
    }

    [Theory]
    [InlineData("12 384")]
    [InlineData("-1")]
    [InlineData("12 cat")]
    public void RejectsIdsOutsideTheVocabularyOrNonIntegers(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => _tokenizer.Encode(text, addBos: false));
        Assert.Contains("[0, 384)", e.Message);
    }

    [Fact]
    public void DecodeValidatesIds() => Assert.Throws<ArgumentException>(() => _tokenizer.Decode([400]));
}
