using Mesh.Core.Decoding;
using Mesh.Core.Interp;
using Mesh.Core.Interp.Contexts;
using static TorchSharp.torch;

namespace Mesh.Core.Tests.Interp.Contexts;

/// <summary>Building contexts on the fixture model and answering from them.</summary>
public sealed class CompressedContextTests(TinyLlavaFixture fixture) : IClassFixture<TinyLlavaFixture>
{
    static readonly long[] Question = [12, 190, 77, 301];
    static readonly GenerationOptions Eager = new() { MaxNewTokens = 8, Path = AttentionPath.Eager };

    ContextInfo Info => new("tiny-llava", new string('0', 64), "fixture prompt", 1.0, SelectionMethod.Attention,
                            fixture.Layout.Length, fixture.Layout.ImageStart, fixture.Layout.ImageEnd, []);

    Tensor QuestionEmbeds()
    {
        using var ids = tensor(Question).view(1, -1);
        return fixture.Model.Decoder.Embed(ids);
    }

    (CompressedContext Context, GenerationResult Description) Build(double k, SelectionMethod method = SelectionMethod.Attention)
    {
        using var embeds = fixture.Embeds();
        return ContextBuilder.Build(fixture.Model.Decoder, embeds, Info, new SelectionRequest(method, k, FastVLayer: 1), Eager);
    }

    /// <summary>The prompt's full KV cache followed by the question, as one request would run it.</summary>
    (int[] Ids, float[] FirstLogits) FullCacheAnswer()
    {
        var model = fixture.Model.Decoder;
        using var embeds = fixture.Embeds();
        using var question = QuestionEmbeds();
        using var cache = model.NewCache(64);
        Generation.Prefill(model, embeds, cache, path: AttentionPath.Eager);
        float[]? first = null;
        var result = Generation.Continue(model, question, cache, Eager, onToken: t => first ??= t.Logits);
        return (result.TokenIds, first!);
    }

    (int[] Ids, float[] FirstLogits) ContextAnswer(CompressedContext context)
    {
        using var question = QuestionEmbeds();
        float[]? first = null;
        var result = ContextBuilder.Answer(fixture.Model.Decoder, context, question, Eager, onToken: t => first ??= t.Logits);
        return (result.TokenIds, first!);
    }

    [Fact]
    public void WithKAtOneHundredPercentTheAnswerEqualsTheFullCacheAnswerExactly()
    {
        var (context, description) = Build(1.0);
        using var _ = context;
        Assert.Equal(Reference.ReadI64(TinyLlavaFixture.ReferenceFile, "generated_ids")[..8], description.TokenIds.Select(i => (long)i));
        Assert.Equal(description.TokenIds, context.Info.DescriptionTokens);
        var (expectedIds, expectedLogits) = FullCacheAnswer();
        var (ids, logits) = ContextAnswer(context);
        Assert.Equal(expectedIds, ids);
        Assert.Equal(expectedLogits, logits);

        using var stored = ContextCodec.Deserialize(ContextCodec.Serialize(context, ContextStorage.F32));
        var (storedIds, storedLogits) = ContextAnswer(stored);
        Assert.Equal(expectedIds, storedIds);
        Assert.Equal(expectedLogits, storedLogits);
    }

    [Theory]
    [InlineData(SelectionMethod.Attention)]
    [InlineData(SelectionMethod.Random)]
    [InlineData(SelectionMethod.Norm)]
    public void EachLayerKeepsThePromptTextAndTopKImageTokensAtTheirOriginalPositions(SelectionMethod method)
    {
        var (context, _) = Build(0.25, method);
        using var _ = context;
        var text = Enumerable.Range(0, 5).Concat(Enumerable.Range(21, 5)).Select(p => (long)p).ToArray();
        foreach (var layer in context.Layers)
        {
            Assert.Equal(14, layer.Positions.Length);                       // 10 text + floor(0.25 * 16) image
            Assert.Equal(text, layer.Positions.Where(p => p < 5 || p >= 21));
            Assert.Equal([1, 2, 14, 16], layer.Keys.shape);                  // [1, kv_heads, kept, head_dim]
        }
        using var cache = context.OpenCache(fixture.Model.Decoder, 8);
        Assert.Equal(26, cache.NextPosition);                              // questions go after the prompt's last position
        Assert.Equal(14, cache.Length);
    }

    [Fact]
    public void FastVContextsKeepEveryImageTokenUpToItsLayer()
    {
        var (context, _) = Build(0.25, SelectionMethod.FastV);
        using var _ = context;
        Assert.Equal([26, 26, 14, 14], context.Layers.Select(l => l.Positions.Length));
        using var question = QuestionEmbeds();
        var answer = ContextBuilder.Answer(fixture.Model.Decoder, context, question, Eager);
        Assert.Equal(8, answer.TokenIds.Length);
    }

    [Fact]
    public void SizesAreReportedAgainstTheFullPromptCache()
    {
        var (context, _) = Build(0.25);
        using var _ = context;
        // 4 layers x 26 positions x 2 KV heads x 16 dims x (K and V) x 2 bytes.
        Assert.Equal(4 * 26 * 2 * 16 * 2 * 2, context.FullPromptKvBytes(2));
        Assert.Equal(4 * 14, context.KeptSlots);
    }

    [Fact]
    public void AContextFromAnotherShapeOfModelIsRefused()
    {
        var (context, _) = Build(1.0);
        var wrong = new CompressedContext(context.Info, context.Layers.Take(2).ToArray());
        using var _ = context;
        Assert.Contains("does not fit the model", Assert.Throws<ArgumentException>(() => wrong.OpenCache(fixture.Model.Decoder, 4)).Message);
    }
}
