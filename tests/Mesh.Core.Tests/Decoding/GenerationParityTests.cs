using Mesh.Core.Decoding;
using Mesh.Core.Prompting;
using static TorchSharp.torch;

namespace Mesh.Core.Tests.Decoding;

/// <summary>Greedy generation with the KV cache against the Hugging Face reference: ids exactly, scores within 1e-4.</summary>
public sealed class GenerationParityTests(TinyLlavaFixture fixture) : IClassFixture<TinyLlavaFixture>
{
    static readonly GenerationOptions Greedy12 = new() { MaxNewTokens = TinyLlavaFixture.GeneratedTokens };

    (int[] Ids, List<float[]> Scores) Generate(Tensor embeds, IForwardHooks? hooks = null, AttentionPath path = AttentionPath.Auto)
    {
        var scores = new List<float[]>();
        var result = Generation.Generate(fixture.Model.Decoder, embeds, Greedy12 with { Path = path }, hooks, token => scores.Add(token.Logits));
        return (result.TokenIds, scores);
    }

    static long[] ExpectedIds(string file) => Reference.ReadI64(file, "generated_ids");

    [Theory]
    [InlineData(AttentionPath.Auto)]
    [InlineData(AttentionPath.Eager)]
    public void GreedyIdsAndScoresMatch(AttentionPath path)
    {
        using var embeds = fixture.Embeds();
        var (ids, scores) = Generate(embeds, path: path);
        Assert.Equal(ExpectedIds(TinyLlavaFixture.ReferenceFile), ids.Select(i => (long)i));
        Reference.AssertClose(Reference.ReadF32(TinyLlavaFixture.ReferenceFile, "generation_scores"), scores.SelectMany(s => s).ToArray(), 1e-4f, "generation_scores");
    }

    [Fact]
    public void LegacySingleImageTokenPromptGivesTheSameRun()
    {
        var legacy = Reference.ReadI64(TinyLlavaFixture.ReferenceFile, "input_ids_legacy");
        var layout = ImageTokenExpansion.Expand(legacy, fixture.Model.Config.ImageTokenIndex!.Value, fixture.Model.Config.ImageSeqLength);
        Assert.Equal(fixture.InputIds, layout.InputIds);
        Assert.Equal((5, 21), (layout.ImageStart, layout.ImageEnd));
        using var embeds = fixture.Model.EmbedPrompt(layout, fixture.ImageFeatures);
        var (ids, _) = Generate(embeds);
        Assert.Equal(ExpectedIds(TinyLlavaFixture.ReferenceFile), ids.Select(i => (long)i));
    }

    [Fact]
    public void KnockoutIdsAndScoresMatchInCachedDecodeSteps()
    {
        using var embeds = fixture.Embeds();
        var (ids, scores) = Generate(embeds, FixtureMaskHooks.FromFixture(captureProbabilities: false));
        Assert.Equal(ExpectedIds(TinyLlavaFixture.KnockoutFile), ids.Select(i => (long)i));
        Reference.AssertClose(Reference.ReadF32(TinyLlavaFixture.KnockoutFile, "generation_scores"), scores.SelectMany(s => s).ToArray(), 1e-4f, "knockout generation_scores");
    }

    [Fact]
    public void CachedDecodeEqualsUncachedRecompute()
    {
        using var embeds = fixture.Embeds();
        var (ids, scores) = Generate(embeds);

        // One uncached prefill over prompt + generated[..^1]: row 25 + t predicted token t.
        var model = fixture.Model.Decoder;
        var fullIds = fixture.InputIds.Concat(ids[..^1].Select(i => (long)i)).ToArray();
        var layout = fixture.Layout with { InputIds = fullIds };
        using var fullEmbeds = fixture.Model.EmbedPrompt(layout, fixture.ImageFeatures);
        using var cache = model.NewCache(fullIds.Length);
        using var noGrad = no_grad();
        using var logits = model.Forward(fullEmbeds, layout.Positions(), cache, StepPhase.Prefill, allLogits: true);
        var all = logits.data<float>().ToArray();
        int vocab = model.Config.VocabSize, promptEnd = fixture.Layout.Length;
        // A decode step multiplies one row (gemv) where the recompute multiplies all rows (gemm): fp32 sums
        // in another order (measured 1.8e-5 at most); the bound is the fixture's fp32 logit tolerance.
        for (int t = 0; t < ids.Length; t++)
        {
            var recomputed = all.AsSpan((promptEnd - 1 + t) * vocab, vocab);
            Reference.AssertClose(recomputed, scores[t], 1e-4f, $"step {t}: cached vs recomputed logits");
            Assert.Equal(ids[t], TokenSampler.ArgMax(recomputed));
        }
    }

    [Fact]
    public void ImageFileThroughPreprocessingAndOnnxGivesTheReferenceIds()
    {
        var image = fixture.Model.EncodeImage(File.ReadAllBytes(Path.Combine(TestPaths.TinyLlava, "image.png")));
        Reference.AssertClose(fixture.ImageFeatures.Data, image.Data, 1e-5f, "image_features from image.png");
        using var embeds = fixture.Model.EmbedPrompt(fixture.Layout, image);
        var (ids, _) = Generate(embeds);
        Assert.Equal(ExpectedIds(TinyLlavaFixture.ReferenceFile), ids.Select(i => (long)i));
    }
}
