using Mesh.Core.Decoding;

namespace Mesh.Core.Tests.Decoding;

/// <summary>Generation's stopping rules, streaming callback, cancellation and seeded sampling on tiny-llava.</summary>
public sealed class GenerationTests(TinyLlavaFixture fixture) : IClassFixture<TinyLlavaFixture>
{
    const int PromptLength = 26;

    // The reference greedy run: [76, 117, 341, 153, ...].
    static int[] ReferenceIds => Reference.ReadI64(TinyLlavaFixture.ReferenceFile, "generated_ids").Select(i => (int)i).ToArray();

    GenerationResult Generate(GenerationOptions options, Action<GeneratedToken>? onToken = null, CancellationToken cancellationToken = default)
    {
        using var embeds = fixture.Embeds();
        return Generation.Generate(fixture.Model.Decoder, embeds, options, onToken: onToken, cancellationToken: cancellationToken);
    }

    [Fact]
    public void AStopTokenEndsGenerationAndIsReportedLast()
    {
        var reported = new List<int>();
        var result = Generate(new GenerationOptions { MaxNewTokens = 12, StopTokenIds = new HashSet<int> { 341 } }, t => reported.Add(t.TokenId));

        Assert.Equal(StopCause.StopToken, result.StopCause);
        Assert.Equal(ReferenceIds[..3], result.TokenIds);
        Assert.Equal(result.TokenIds, reported);
        Assert.Equal(PromptLength, result.PromptTokens);
    }

    [Fact]
    public void MaxNewTokensIsRespected()
    {
        var result = Generate(new GenerationOptions { MaxNewTokens = 5 });

        Assert.Equal(StopCause.MaxTokens, result.StopCause);
        Assert.Equal(ReferenceIds[..5], result.TokenIds);
    }

    [Fact]
    public void TheCallbackGetsIndicesPositionsAndLogprobsInOrder()
    {
        var tokens = new List<GeneratedToken>();
        var result = Generate(new GenerationOptions { MaxNewTokens = 6 }, tokens.Add);

        Assert.Equal(Enumerable.Range(0, 6), tokens.Select(t => t.Index));
        Assert.Equal(Enumerable.Range(PromptLength, 6).Select(p => (long)p), tokens.Select(t => t.Position));
        Assert.Equal(result.TokenIds, tokens.Select(t => t.TokenId));
        foreach (var token in tokens)
        {
            Assert.Equal(fixture.Model.Config.Text.VocabSize, token.Logits.Length);
            double logSum = Math.Log(token.Logits.Sum(x => Math.Exp(x)));
            Assert.Equal(token.Logits[token.TokenId] - logSum, token.Logprob, 4);
        }
    }

    [Fact]
    public void ACancelledTokenStopsBeforePrefill()
    {
        var reported = new List<int>();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Generate(new GenerationOptions { MaxNewTokens = 12 }, t => reported.Add(t.TokenId), new CancellationToken(canceled: true)));
        Assert.Empty(reported);
    }

    [Fact]
    public void CancellingMidwayStopsBeforeTheNextDecodeStep()
    {
        using var cancellation = new CancellationTokenSource();
        var reported = new List<int>();

        Assert.ThrowsAny<OperationCanceledException>(() => Generate(new GenerationOptions { MaxNewTokens = 12 }, t =>
        {
            reported.Add(t.TokenId);
            if (t.Index == 1) cancellation.Cancel();
        }, cancellation.Token));
        Assert.Equal(ReferenceIds[..2], reported);
    }

    [Fact]
    public void SeededSamplingIsReproducible()
    {
        var options = new GenerationOptions { MaxNewTokens = 12, Sampling = new SamplingOptions { Temperature = 1.5f, Seed = 7 } };

        var first = Generate(options);
        var second = Generate(options);

        Assert.Equal(12, first.TokenIds.Length);
        Assert.Equal(first.TokenIds, second.TokenIds);
        Assert.All(first.TokenIds, id => Assert.InRange(id, 0, fixture.Model.Config.Text.VocabSize - 1));
    }
}
