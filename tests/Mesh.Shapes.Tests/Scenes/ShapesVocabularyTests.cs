using System.Text.Json;
using Mesh.Core.Prompting;
using Mesh.Shapes.Scenes;
using Mesh.Core.Tokenization;

namespace Mesh.Shapes.Tests.Scenes;

public sealed class ShapesVocabularyTests : IDisposable
{
    static readonly Scene[] Scenes = [.. Enumerable.Range(0, 500).Select(i => new SceneGenerator().Scene(SceneSplit.Test, i))];
    private readonly TempDirectory _dir = new();
    private readonly WordLevelTokenizer _tokenizer;
    private readonly int _size;

    public ShapesVocabularyTests()
    {
        _size = ShapesVocabulary.Write(_dir.Path, new SceneOptions(), ChatTemplate.Llava15);
        _tokenizer = Assert.IsType<WordLevelTokenizer>(TokenizerLoader.Load(_dir.Path, vocabSize: _size));
    }

    public void Dispose() => _dir.Dispose();

    static IEnumerable<string> Texts(Scene scene) =>
        [scene.Description, .. scene.Questions.SelectMany(q => new[] { q.Question, q.Answer })];

    [Fact]
    public void TheFilesLoadAsAWordLevelTokenizerWithItsSpecialTokens()
    {
        Assert.Equal(_size, _tokenizer.VocabSize);
        Assert.Equal((1, 2, 3), (_tokenizer.BosId, _tokenizer.EosId, _tokenizer.UnknownId));
        Assert.Equal([ShapesVocabulary.ImageTokenId], _tokenizer.Encode(ShapesVocabulary.Image, addBos: false));
        Assert.Equal(4, ShapesVocabulary.ImageTokenId);

        using var json = JsonDocument.Parse(File.ReadAllText(_dir.File("tokenizer.json")));
        Assert.Equal("Whitespace", json.RootElement.GetProperty("pre_tokenizer").GetProperty("type").GetString());
        Assert.Equal(5, json.RootElement.GetProperty("added_tokens").GetArrayLength());
        Assert.Equal(_size, json.RootElement.GetProperty("model").GetProperty("vocab").EnumerateObject().Count());
    }

    [Fact]
    public void EveryTextEncodesWithoutUnknownWordsAndDecodesBackExactly()
    {
        foreach (var text in Scenes.SelectMany(Texts))
        {
            var ids = _tokenizer.Encode(text, addBos: true);
            Assert.DoesNotContain(_tokenizer.UnknownId, ids);
            Assert.Equal(text, _tokenizer.Decode(ids));
        }
    }

    [Fact]
    public void TheChatTemplateEncodesWithoutUnknownWords()
    {
        var (before, after) = ChatTemplate.Llava15.Render(SceneWords.DescribeInstruction);
        var follow = ChatTemplate.Llava15.FollowUp.Replace(ChatTemplate.PromptPlaceholder, "is there a red circle");
        foreach (var text in new[] { before, after, follow })
            Assert.DoesNotContain(_tokenizer.UnknownId, _tokenizer.Encode(text, addBos: false));
        Assert.Equal(["USER", ":"], _tokenizer.Encode(before, addBos: false).Select(i => _tokenizer.DecodeToken(i).Trim()));
    }

    [Fact]
    public void EveryWordIsUsedByTheTemplateOrTheScenes()
    {
        var used = Scenes.SelectMany(Texts).SelectMany(t => t.Split(' '))
            .Concat(["USER", ":", "ASSISTANT", .. SceneWords.DescribeInstruction.Split(' ')]).ToHashSet();
        var tokens = ShapesVocabulary.Tokens(new SceneOptions(), ChatTemplate.Llava15);
        Assert.Equal(ShapesVocabulary.Special, tokens.Take(5));
        Assert.DoesNotContain(tokens.Skip(5), t => !used.Contains(t));
    }

    [Fact]
    public void MoreObjectsBringMoreNumberWords()
    {
        var tokens = ShapesVocabulary.Tokens(new SceneOptions { MaxObjects = 6 }, ChatTemplate.Llava15);
        Assert.Contains("six", tokens);
        Assert.DoesNotContain("seven", tokens);
        Assert.DoesNotContain("five", ShapesVocabulary.Tokens(new SceneOptions(), ChatTemplate.Llava15));
    }
}
