using Mesh.Core.Loading;
using Mesh.Core.Nn;
using Mesh.Core.Prompting;
using Mesh.Core.Vision;
using static TorchSharp.torch;

namespace Mesh.Core.Tests.Prompting;

/// <summary>Prompt embeddings on a small random decoder (vocab 50, hidden 8).</summary>
public sealed class PromptEmbeddingTests : IDisposable
{
    const int Vocab = 50, Hidden = 8;
    const long Image = 900;   // outside the vocabulary: the image token is never looked up

    readonly LlamaForCausalLM _decoder;

    public PromptEmbeddingTests()
    {
        var text = ModelConfig.Parse("""
            {"model_type": "llama", "vocab_size": 50, "hidden_size": 8, "intermediate_size": 16, "num_hidden_layers": 1,
             "num_attention_heads": 2, "num_key_value_heads": 1}
            """).Text;
        manual_seed(3);
        _decoder = new LlamaForCausalLM(text, float32, CPU);
    }

    public void Dispose() => _decoder.Dispose();

    static ImageFeatures Features(int tokens, int dim = Hidden, int batch = 1) =>
        new(Enumerable.Range(0, batch * tokens * dim).Select(i => i / 10f).ToArray(), batch, tokens, dim);

    [Fact]
    public void TextRowsAreTokenEmbeddingsAndImageRowsTheFeaturesInOrder()
    {
        var layout = new PromptLayout([3, Image, Image, 49], 1, 3);
        var features = Features(2);

        using var embeds = PromptEmbedding.Embed(_decoder, layout, features);

        Assert.Equal(new long[] { 1, 4, Hidden }, embeds.shape);
        var rows = embeds.data<float>().ToArray();
        var table = _decoder.model.embed_tokens.weight!.data<float>().ToArray();
        Assert.Equal(table.AsSpan(3 * Hidden, Hidden).ToArray(), rows.AsSpan(0, Hidden).ToArray());
        Assert.Equal(features.Data, rows.AsSpan(Hidden, 2 * Hidden).ToArray());
        Assert.Equal(table.AsSpan(49 * Hidden, Hidden).ToArray(), rows.AsSpan(3 * Hidden, Hidden).ToArray());
    }

    [Fact]
    public void ATextOnlyPromptNeedsNoFeatures()
    {
        using var embeds = PromptEmbedding.Embed(_decoder, PromptLayout.TextOnly([0, 1, 2]), null);
        Assert.Equal(new long[] { 1, 3, Hidden }, embeds.shape);
    }

    [Theory]
    [InlineData(50L)]
    [InlineData(-1L)]
    [InlineData(Image)]   // the image token outside the image span is looked up like any other
    public void OutOfVocabularyIdsAreRejected(long id)
    {
        var error = Assert.Throws<ArgumentException>(() => PromptEmbedding.Embed(_decoder, PromptLayout.TextOnly([1, id]), null));
        Assert.Contains($"token id {id} is outside the vocabulary [0, {Vocab})", error.Message);
    }

    [Theory]
    [InlineData(3, Hidden, 1)]
    [InlineData(2, Hidden + 1, 1)]
    [InlineData(2, Hidden, 2)]
    public void FeaturesOfTheWrongShapeAreRejected(int tokens, int dim, int batch)
    {
        var layout = new PromptLayout([3, Image, Image, 4], 1, 3);
        var error = Assert.Throws<ArgumentException>(() => PromptEmbedding.Embed(_decoder, layout, Features(tokens, dim, batch)));
        Assert.Contains($"the prompt needs [1, 2, {Hidden}]", error.Message);
    }

    [Fact]
    public void FeaturesAndImageSpansMustComeTogether()
    {
        var withSpan = new PromptLayout([3, Image, Image, 4], 1, 3);
        var noFeatures = Assert.Throws<ArgumentException>(() => PromptEmbedding.Embed(_decoder, withSpan, null));
        Assert.Contains("no image features", noFeatures.Message);

        var noSpan = Assert.Throws<ArgumentException>(() => PromptEmbedding.Embed(_decoder, PromptLayout.TextOnly([3, 4]), Features(2)));
        Assert.Contains("without an image span", noSpan.Message);
    }

    [Fact]
    public void AnImageSpanOutsideThePromptIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => PromptEmbedding.Embed(_decoder, new PromptLayout([3, Image], 1, 3), Features(2)));
        Assert.Contains("does not lie within the prompt's 2 tokens", error.Message);
    }
}
