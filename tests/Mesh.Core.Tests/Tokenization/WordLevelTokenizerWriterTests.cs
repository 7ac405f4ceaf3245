using Mesh.Core.Tokenization;

namespace Mesh.Core.Tests.Tokenization;

public sealed class WordLevelTokenizerWriterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void WrittenFilesLoadBackWithTheSameIds()
    {
        string[] tokens = ["<unk>", "<s>", "</s>", "a", "red", "circle", ":"];
        WordLevelTokenizerWriter.Write(_dir.Path, tokens, new("<unk>", Bos: "<s>", Eos: "</s>"));
        var tokenizer = TokenizerLoader.Load(_dir.Path, vocabSize: tokens.Length);
        Assert.Equal([1, 3, 4, 5, 6, 0], tokenizer.Encode("a red circle: blue", addBos: true));
        Assert.Equal((1, 2), (tokenizer.BosId, tokenizer.EosId));
        Assert.Equal("a circle", tokenizer.Decode([1, 3, 5, 2]));
    }

    [Fact]
    public void PreTokenizingSplitsWordsFromPunctuation() =>
        Assert.Equal(["USER", ":", "is", "it", "?!"], WordLevelTokenizerWriter.PreTokenize("USER: is  it?!\n"));

    [Fact]
    public void RepeatedTokensAndMissingSpecialTokensAreRefused()
    {
        var repeated = Assert.Throws<ArgumentException>(() => WordLevelTokenizerWriter.Write(_dir.Path, ["<unk>", "a", "a"], new("<unk>")));
        Assert.Contains("'a' appears twice", repeated.Message);
        var missing = Assert.Throws<ArgumentException>(() => WordLevelTokenizerWriter.Write(_dir.Path, ["<unk>", "a"], new("<unk>", Eos: "</s>")));
        Assert.Contains("'</s>' is not in the vocabulary", missing.Message);
        Assert.False(File.Exists(_dir.File("tokenizer.json")));
    }
}
