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

    static readonly ContextOrigin Origin = new("tiny-llava", new string('0', 64), "fixture prompt");

    Tensor QuestionEmbeds()
    {
        using var ids = tensor(Question).view(1, -1);
        return fixture.Model.Decoder.Embed(ids);
    }

    (CompressedContext Context, GenerationResult Description) Build(double k, RankingMethod method = RankingMethod.Attention,
                                                                    ContextContents parts = ContextContents.QueryAndImage)
    {
        using var embeds = fixture.Embeds();
        var recipe = ContextRecipe.For(TokenGroups.From(fixture.Layout), 4, new SelectionRequest(method, k, fastVLayer: 1), parts);
        return ContextBuilder.Build(fixture.Model.Decoder, embeds, Origin, recipe, Eager);
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
        var result = ContextBuilder.Answer(fixture.Model.Decoder, context, question, Eager, TracedGeneration.Untraced(t => first ??= t.Logits));
        return (result.TokenIds, first!);
    }

    [Fact]
    public void WithKAtOneHundredPercentTheAnswerEqualsTheFullCacheAnswerExactly()
    {
        var (context, description) = Build(1.0);
        using var _ = context;
        Assert.Equal(Reference.ReadI64(TinyLlavaFixture.ReferenceFile, "generated_ids")[..8], description.TokenIds.Select(i => (long)i));
        Assert.Equal(new ContextInfo("tiny-llava", new string('0', 64), "fixture prompt", 1.0, RankingMethod.Attention, 26, 5, 21, description.TokenIds),
                     context.Info);
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
    [InlineData(RankingMethod.Attention)]
    [InlineData(RankingMethod.Random)]
    [InlineData(RankingMethod.Norm)]
    public void EachLayerKeepsThePromptTextAndTopKImageTokensAtTheirOriginalPositions(RankingMethod method)
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
    public void AnImageOnlyContextKeepsTheFirstPositionAndTheSameTopKImageTokens()
    {
        var (full, _) = Build(0.25);
        var (imageOnly, description) = Build(0.25, parts: ContextContents.ImageOnly);
        using var _ = full;
        using var __ = imageOnly;
        for (int l = 0; l < imageOnly.Layers.Count; l++)
        {
            var image = full.Layers[l].Positions.Where(p => p >= 5 && p < 21).ToArray();
            Assert.Equal(4, image.Length);                                   // floor(0.25 * 16)
            Assert.Equal([0L, .. image], imageOnly.Layers[l].Positions);      // BOS, then the same image tokens; no other text
            Assert.Equal([1, 2, 5, 16], imageOnly.Layers[l].Keys.shape);
            // The kept slots are the full context's slots at the same positions: original positions, nothing recomputed.
            long[] slots = [.. imageOnly.Layers[l].Positions.Select(p => (long)Array.IndexOf(full.Layers[l].Positions, p))];
            using var index = tensor(slots);
            using var fullKeys = full.Layers[l].Keys.index_select(2, index);
            Assert.True(fullKeys.equal(imageOnly.Layers[l].Keys).all().item<bool>());
        }
        Assert.Equal(description.TokenIds, imageOnly.Info.DescriptionTokens);
        using var cache = imageOnly.OpenCache(fixture.Model.Decoder, 8);
        Assert.Equal(26, cache.NextPosition);                              // the question still goes after the prompt's last position
        using var question = QuestionEmbeds();
        Assert.Equal(8, ContextBuilder.Answer(fixture.Model.Decoder, imageOnly, question, Eager).TokenIds.Length);
    }

    [Fact]
    public void AnImageOnlyContextWithoutAnImageTokenIsRefusedBeforeTheDescribePass() =>
        Assert.Contains("at least one image token", Assert.Throws<InterpPartException>(() => Build(0.05, parts: ContextContents.ImageOnly)).Message);

    [Fact]
    public void KBelowOneImageTokenKeepsTheQueryAlone()
    {
        var (context, _) = Build(0.5 / 16);
        using var _ = context;
        var text = Enumerable.Range(0, 5).Concat(Enumerable.Range(21, 5)).Select(p => (long)p).ToArray();
        Assert.All(context.Layers, layer => Assert.Equal(text, layer.Positions));
    }

    [Fact]
    public void FastVContextsKeepEveryImageTokenUpToItsLayer()
    {
        var (context, _) = Build(0.25, RankingMethod.FastV);
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
