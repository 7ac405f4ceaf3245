using Mesh.Core.Decoding;
using Mesh.Core.Interp;
using static TorchSharp.torch;

namespace Mesh.Core.Tests.Interp;

/// <summary>The scorers against the fixture's reference tensors, and masked generation end to end.</summary>
public sealed class SelectionScoringTests(TinyLlavaFixture fixture) : IClassFixture<TinyLlavaFixture>
{
    TokenGroups Groups => TokenGroups.From(fixture.Layout);

    static float[] HeadMeanOfRow(float[] attentions, int layer, int row)
    {
        var mean = new float[26];   // attentions [4 layers, 4 heads, 26, 26]
        for (int h = 0; h < 4; h++)
            for (int k = 0; k < 26; k++) mean[k] += attentions[((layer * 4 + h) * 26 + row) * 26 + k] / 4;
        return mean;
    }

    [Fact]
    public void AttentionScoresOfAOneTokenPassAreThePrefillsLastRowOverTheImage()
    {
        var scorer = new AttentionScorer(Groups, 4);
        using var embeds = fixture.Embeds();
        Generation.Generate(fixture.Model.Decoder, embeds, new GenerationOptions { MaxNewTokens = 1 }, scorer);
        var attentions = Reference.ReadF32(TinyLlavaFixture.ReferenceFile, "attentions");
        var scores = scorer.Scores();
        for (int layer = 0; layer < 4; layer++)
            Reference.AssertClose(HeadMeanOfRow(attentions, layer, 25)[5..21], scores[layer], 2e-5f, $"layer {layer} scores");
    }

    [Fact]
    public void AttentionScoresAverageOverEveryGeneratedStep()
    {
        var scorer = new AttentionScorer(Groups, 4);
        var recorder = new TraceRecorder(new TraceRequest(TraceDetail.ImageMaps, LayerScope.All), Groups, new ImageGrid(4, 4), new CollectingTraceSink());
        var maps = new List<float[][]>();
        using var embeds = fixture.Embeds();
        Generation.Generate(fixture.Model.Decoder, embeds, new GenerationOptions { MaxNewTokens = 5 }, new CompositeHooks(scorer, recorder),
            t => maps.Add(recorder.Emit(t.Index, t.TokenId)!.Layers.Select(l => l.ImageMap!.Values.Select(v => (float)v).ToArray()).ToArray()));
        var scores = scorer.Scores();
        for (int layer = 0; layer < 4; layer++)
        {
            var expected = Enumerable.Range(0, 16).Select(i => maps.Average(m => m[layer][i])).Select(v => (float)v).ToArray();
            Reference.AssertClose(expected, scores[layer], 1e-3f * expected.Max(), $"layer {layer} mean over 5 steps (F16 maps)");
        }
    }

    [Fact]
    public void NormScoresAreTheImageRowsOfTheHiddenStatesEnteringEachLayer()
    {
        var hidden = Reference.ReadF32(TinyLlavaFixture.ReferenceFile, "hidden_states");   // [5, 26, 64]
        using var embeds = fixture.Embeds();
        var scoring = new SelectionScoring(new SelectionRequest(RankingMethod.Norm, 0.25), Groups, 4, embeds);
        Generation.Generate(fixture.Model.Decoder, embeds, new GenerationOptions { MaxNewTokens = 1 }, scoring.Hooks);
        var norm = (NormScorer)scoring.Hooks!;
        var scores = norm.Scores();
        for (int layer = 0; layer < 4; layer++)
        {
            var expected = Enumerable.Range(5, 16).Select(p =>
                MathF.Sqrt(Enumerable.Range(0, 64).Sum(d => hidden[(layer * 26 + p) * 64 + d] * hidden[(layer * 26 + p) * 64 + d]))).ToArray();
            Reference.AssertClose(expected, scores[layer], 1e-4f, $"layer {layer} norms");
        }
        Assert.All(scoring.Select().Kept, kept => Assert.Equal(4, kept.Length));
    }

    [Fact]
    public void FastVRanksByTheLastPromptRowAtItsLayer()
    {
        using var embeds = fixture.Embeds();
        var scoring = new SelectionScoring(new SelectionRequest(RankingMethod.FastV, 0.25, fastVLayer: 1), Groups, 4, embeds);
        Generation.Generate(fixture.Model.Decoder, embeds, new GenerationOptions { MaxNewTokens = 1 }, scoring.Hooks);
        var expected = HeadMeanOfRow(Reference.ReadF32(TinyLlavaFixture.ReferenceFile, "attentions"), 1, 25)[5..21];
        var top = Enumerable.Range(0, 16).OrderByDescending(i => expected[i]).Take(4).Select(i => 5L + i).Order();
        var selection = scoring.Select();
        Assert.Equal(16, selection.Kept[1].Length);
        Assert.Equal(top, selection.Kept[2]);
        Assert.Equal(top, selection.Kept[3]);
    }

    [Theory]
    [InlineData(RankingMethod.Attention)]
    [InlineData(RankingMethod.Random)]
    [InlineData(RankingMethod.Norm)]
    [InlineData(RankingMethod.FastV)]
    public void MaskedGenerationWithEveryImageTokenKeptEqualsPlainGeneration(RankingMethod method)
    {
        using var embeds = fixture.Embeds();
        var options = InterpOptions.For(Groups, 4, 38, selection: new SelectionRequest(method, 1.0, fastVLayer: 1));
        var result = InterpGeneration.Run(fixture.Model.Decoder, embeds, new ImageGrid(4, 4), new GenerationOptions { MaxNewTokens = 12 }, options);
        Assert.Equal(Reference.ReadI64(TinyLlavaFixture.ReferenceFile, "generated_ids"), result.Generation.TokenIds.Select(i => (long)i));
        Assert.All(result.Selection!.Kept, kept => Assert.Equal(16, kept.Length));
    }

    [Fact]
    public void MaskedGenerationWithFewImageTokensHidesTheRestFromDecodeSteps()
    {
        var recorderSink = new CollectingTraceSink();
        using var embeds = fixture.Embeds();
        var options = InterpOptions.For(Groups, 4, 32, trace: new TraceRequest(TraceDetail.ImageMaps, LayerScope.All),
                                        selection: new SelectionRequest(RankingMethod.Attention, 0.25));
        var result = InterpGeneration.Run(fixture.Model.Decoder, embeds, new ImageGrid(4, 4), new GenerationOptions { MaxNewTokens = 6 }, options, recorderSink);
        var selection = result.Selection!;
        Assert.All(selection.Kept, kept => Assert.Equal(4, kept.Length));
        foreach (var trace in recorderSink.Traces.Skip(1))       // token 0 comes from the unmasked prefill
            foreach (var layer in trace.Layers)
                for (int i = 0; i < 16; i++)
                    if (!selection.Keeps(layer.Layer, 5 + i)) Assert.Equal((Half)0, layer.ImageMap!.Values[i]);
        Assert.Contains(recorderSink.Traces[0].Layers, l => Enumerable.Range(0, 16).Any(i => !selection.Keeps(l.Layer, 5 + i) && l.ImageMap!.Values[i] > (Half)0));
    }
}
