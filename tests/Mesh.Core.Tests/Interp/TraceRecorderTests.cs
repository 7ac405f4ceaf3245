using Mesh.Core.Decoding;
using Mesh.Core.Interp;
using static TorchSharp.torch;

namespace Mesh.Core.Tests.Interp;

/// <summary>Traces on a hand-computed step and against the fixture's attention probabilities.</summary>
public sealed class TraceRecorderTests(TinyLlavaFixture fixture) : IClassFixture<TinyLlavaFixture>
{
    [Fact]
    public void AHandComputedDecodeStepGivesItsFractionsMapAndRows()
    {
        // Prompt [BOS][img][img][txt], one generated token fed back at 4; the row at 5 predicts token 2.
        var groups = new TokenGroups(1, 3, 4);
        var sink = new CollectingTraceSink();
        var recorder = new TraceRecorder(new TraceRequest(TraceDetail.FullRows, LayerScope.All), groups, new ImageGrid(1, 2), sink);
        float[] heads = [0.1f, 0.2f, 0.3f, 0.1f, 0.2f, 0.1f,     // head 0 over keys 0..5
                         0.3f, 0.0f, 0.1f, 0.2f, 0.2f, 0.2f];    // head 1
        using var probabilities = tensor(heads, [1, 2, 1, 6]);
        long[] keys = [0, 1, 2, 3, 4, 5];
        var step = new AttentionStep(3, StepPhase.Decode, [5], keys, CPU);
        Assert.True(recorder.CaptureProbabilities(step));
        recorder.OnAttentionProbabilities(step, probabilities);
        var trace = recorder.Emit(2, 77)!;

        Assert.Same(trace, Assert.Single(sink.Traces));
        Assert.Equal((2, 77, 5L), (trace.TokenIndex, trace.TokenId, trace.PredictingPosition));
        var layer = Assert.Single(trace.Layers);
        // Head means: 0.2, 0.1, 0.2, 0.15, 0.2, 0.15. IMAGE = keys 1, 2; QUERY = 0, 3; GENERATED = 4, 5.
        Assert.Equal(0.3f, layer.Fractions.Image, 6);
        Assert.Equal(0.35f, layer.Fractions.Query, 6);
        Assert.Equal(0.35f, layer.Fractions.Generated, 6);
        Assert.Equal(new ImageGrid(1, 2), layer.ImageMap!.Grid);
        Assert.Equal([(Half)0.1f, (Half)0.2f], layer.ImageMap.Values);
        Assert.Equal(heads, layer.Rows!.Values);
        Assert.Equal(keys, layer.Rows.KeyPositions);
        Assert.Null(recorder.Emit(3, 1));   // nothing pending after an emit
    }

    [Fact]
    public void TracesOfEveryTokenMatchTheFixturesPrefillRowAndSumToOne()
    {
        var groups = TokenGroups.From(fixture.Layout);
        var sink = new CollectingTraceSink();
        using var embeds = fixture.Embeds();
        var options = InterpOptions.For(groups, 4, 38, trace: new TraceRequest(TraceDetail.ImageMaps, LayerScope.All));
        var result = InterpGeneration.Run(fixture.Model.Decoder, embeds, new ImageGrid(4, 4), new GenerationOptions { MaxNewTokens = 12 }, options, sink);

        Assert.Equal(Reference.ReadI64(TinyLlavaFixture.ReferenceFile, "generated_ids"), result.Generation.TokenIds.Select(i => (long)i));
        Assert.Equal(Enumerable.Range(25, 12).Select(p => (long)p), sink.Traces.Select(t => t.PredictingPosition));
        foreach (var trace in sink.Traces)
            foreach (var layer in trace.Layers)
                Assert.InRange(layer.Fractions.Image + layer.Fractions.Query + layer.Fractions.Generated, 1 - 1e-5f, 1 + 1e-5f);

        var attentions = Reference.ReadF32(TinyLlavaFixture.ReferenceFile, "attentions");   // [4 layers, 4 heads, 26, 26]
        foreach (var layer in sink.Traces[0].Layers)
        {
            var mean = new float[26];
            for (int h = 0; h < 4; h++)
                for (int k = 0; k < 26; k++) mean[k] += attentions[((layer.Layer * 4 + h) * 26 + 25) * 26 + k] / 4;
            float image = mean[5..21].Sum();
            Assert.Equal(image, layer.Fractions.Image, 2e-5f);
            Assert.Equal(1 - image, layer.Fractions.Query, 2e-5f);
            Assert.Equal(0f, layer.Fractions.Generated);
            for (int i = 0; i < 16; i++)   // F16 keeps 11 significant bits
                Assert.Equal(mean[5 + i], (float)layer.ImageMap!.Values[i], Math.Max(2e-5f, mean[5 + i] / 1024));
        }
    }

    [Fact]
    public void OnlyTheSelectedLayersAreTracedAndAKnockoutShowsInThem()
    {
        var groups = TokenGroups.From(fixture.Layout);
        var sink = new CollectingTraceSink();
        using var embeds = fixture.Embeds();
        var options = InterpOptions.For(groups, 4, 30, AttentionKnockout.ImageToQueryAndGenerated(LayerScope.Explicit(1)),
                                        new TraceRequest(TraceDetail.Fractions, LayerScope.Explicit(1, 3)));
        InterpGeneration.Run(fixture.Model.Decoder, embeds, new ImageGrid(4, 4), new GenerationOptions { MaxNewTokens = 4 }, options, sink);

        Assert.Equal(4, sink.Traces.Count);
        foreach (var trace in sink.Traces)
        {
            Assert.Equal([1, 3], trace.Layers.Select(l => l.Layer));
            Assert.Equal(0f, trace.Layers[0].Fractions.Image);            // knocked out in layer 1
            Assert.True(trace.Layers[1].Fractions.Image > 0);             // layer 3 untouched
            Assert.Null(trace.Layers[0].ImageMap);
        }
    }

    [Fact]
    public void TracedLayersOutsideTheModelDoNotFitIt()
    {
        var error = Assert.Throws<InterpPartException>(() =>
            InterpOptions.For(TokenGroups.From(fixture.Layout), 4, 38, trace: new TraceRequest(TraceDetail.Fractions, LayerScope.Range(2, 9))));
        Assert.Equal(InterpPart.Trace, error.Part);
        Assert.Contains("0..3", error.Message);
    }

    [Fact]
    public void AnUnknownTraceDetailIsRefusedNamingTheKnownOnes() =>
        Assert.Contains("allowed: None, Fractions", Assert.Throws<ArgumentException>(() => new TraceRequest((TraceDetail)9, LayerScope.All)).Message);
}
