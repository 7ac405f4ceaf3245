using Mesh.Core.Tokenization;

namespace Mesh.Core.Tests.Tokenization;

public sealed class TokenizerLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mesh-tokenizer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void FixtureWithoutTokenizerFilesUsesTokenIdsAndGenerationConfig()
    {
        var tokenizer = TokenizerLoader.Load(TestPaths.TinyLlava, vocabSize: 384);
        Assert.IsType<TokenIdTokenizer>(tokenizer);
        Assert.Equal((384, 1, 2), (tokenizer.VocabSize, tokenizer.BosId, tokenizer.EosId));
    }

    [Fact]
    public void TokenizerJsonWithConfigSpecialTokens()
    {
        File.WriteAllText(Path.Combine(_dir, "tokenizer.json"), WordLevelTokenizerJson.Text);
        File.WriteAllText(Path.Combine(_dir, "tokenizer_config.json"),
            """{"bos_token": {"content": "<s>", "special": true}, "eos_token": "</s>"}""");
        var tokenizer = TokenizerLoader.Load(_dir, vocabSize: 16);
        Assert.IsType<WordLevelTokenizer>(tokenizer);
        Assert.Equal((1, 2), (tokenizer.BosId, tokenizer.EosId));
    }

    [Fact]
    public void TokenizerLargerThanTheModelVocabularyIsRejected()
    {
        File.WriteAllText(Path.Combine(_dir, "tokenizer.json"), WordLevelTokenizerJson.Text);
        var e = Assert.Throws<InvalidDataException>(() => TokenizerLoader.Load(_dir, vocabSize: 8));
        Assert.Contains("11 ids", e.Message);
    }

    [Fact]
    public void TokenizerModelIsPreferred()
    {
        File.WriteAllText(Path.Combine(_dir, "tokenizer.json"), WordLevelTokenizerJson.Text);
        File.WriteAllBytes(Path.Combine(_dir, "tokenizer.model"), [0xff, 0x01]);
        Assert.Throws<InvalidDataException>(() => TokenizerLoader.Load(_dir, vocabSize: 16));
    }
}
