using Mesh.Core.Decoding;
using Mesh.Core.Interp;
using Mesh.Core.Tests.Decoding;
using static TorchSharp.torch;

namespace Mesh.Core.Tests.Interp;

/// <summary>Knockouts through the Interp API: the fixture's knockout, the paper's strategies, and no-op knockouts.</summary>
public sealed class KnockoutHooksTests(TinyLlavaFixture fixture) : IClassFixture<TinyLlavaFixture>
{
    // The fixture blocks image keys (5..20) for every row at or after the image end (21), in layers 1 and 2.
    static AttentionKnockout FixtureKnockout() => new(
        [new(PositionGroup.Image, PositionGroup.Instruction), new(PositionGroup.Image, PositionGroup.Generated)], LayerScope.Explicit(1, 2));

    TokenGroups Groups => TokenGroups.From(fixture.Layout);

    (int[] Ids, float[] Scores) Generate(IForwardHooks? hooks)
    {
        using var embeds = fixture.Embeds();
        var scores = new List<float[]>();
        var result = Generation.Generate(fixture.Model.Decoder, embeds, new GenerationOptions { MaxNewTokens = 12 }, hooks, t => scores.Add(t.Logits));
        return (result.TokenIds, scores.SelectMany(s => s).ToArray());
    }

    [Fact]
    public void TheFixtureKnockoutIsReproducedThroughTheApi()
    {
        var (ids, scores) = Generate(new KnockoutHooks(FixtureKnockout(), Groups));
        Assert.Equal(Reference.ReadI64(TinyLlavaFixture.KnockoutFile, "generated_ids"), ids.Select(i => (long)i));
        Reference.AssertClose(Reference.ReadF32(TinyLlavaFixture.KnockoutFile, "generation_scores"), scores, 1e-4f, "knockout generation_scores");
    }

    [Fact]
    public void TheMaskMatchesTheFixturesBlockedMaskOverAllThirtyEightPositions()
    {
        using var file = Mesh.Core.Loading.SafeTensorsFile.Open(TinyLlavaFixture.KnockoutFile);
        var blocked = file.ReadBytes("blocked_mask");   // [4, 38, 38]
        var knockout = FixtureKnockout();
        var positions = Enumerable.Range(0, 38).Select(i => (long)i).ToArray();
        for (int layer = 0; layer < 4; layer++)
        {
            var entries = knockout.BlockedEntries(Groups, layer, positions, positions);   // [38, 38] or null
            for (int q = 0; q < 38; q++)
                for (int k = 0; k <= q; k++)
                {
                    bool expected = blocked[(layer * 38 + q) * 38 + k] == 1;
                    Assert.Equal(expected, knockout.Blocks(Groups, layer, q, k));
                    Assert.Equal(expected, entries is not null && entries[q * 38 + k]);
                }
        }
    }

    [Fact]
    public void BlockedProbabilitiesAreExactlyZeroAndRowsStillSumToOne()
    {
        var hooks = new CapturingKnockoutHooks(AttentionKnockout.ImageToQueryAndGenerated(LayerScope.All), Groups);
        Generate(hooks);
        Assert.Equal(4, hooks.Probabilities.Count);
        foreach (var (layer, probabilities) in hooks.Probabilities)     // [1, 4, 26, 26]
            for (int head = 0; head < 4; head++)
                for (int q = 0; q < 26; q++)
                {
                    var row = probabilities.AsSpan((head * 26 + q) * 26, 26);
                    float sum = 0;
                    for (int k = 0; k < 26; k++)
                    {
                        sum += row[k];
                        if (Groups.Contains(PositionGroup.Image, k) && !Groups.Contains(PositionGroup.Image, q)) Assert.Equal(0f, row[k]);
                    }
                    Assert.InRange(sum, 1f - 1e-5f, 1f + 1e-5f);
                }
    }

    [Fact]
    public void AnEmptyKnockoutIsBitIdenticalToNone()
    {
        var (plainIds, plainScores) = Generate(null);
        var (ids, scores) = Generate(new KnockoutHooks(AttentionKnockout.None, Groups));
        Assert.Equal(plainIds, ids);
        Assert.Equal(plainScores, scores);
    }

    [Theory]
    [InlineData("img->gen")]
    [InlineData("img->txt")]
    [InlineData("img->txt+gen")]
    public void ThePapersStrategiesBlockExactlyTheirEdgesInPrefillAndDecode(string strategy)
    {
        var knockout = strategy switch
        {
            "img->gen" => AttentionKnockout.ImageToGenerated(LayerScope.From(1)),
            "img->txt" => AttentionKnockout.ImageToQuery(LayerScope.From(1)),
            _ => AttentionKnockout.ImageToQueryAndGenerated(LayerScope.From(1)),
        };
        bool blocksQueryRows = strategy != "img->gen", blocksGeneratedRows = strategy != "img->txt";
        for (int layer = 0; layer < 4; layer++)
            for (long q = 0; q < 38; q++)        // 0..25 prompt rows (prefill), 26.. generated rows (decode)
                for (long k = 0; k <= q; k++)
                {
                    bool imageKey = k is >= 5 and < 21, queryRow = q < 26 && q is < 5 or >= 21, generatedRow = q >= 26;
                    bool expected = layer >= 2 && imageKey && (queryRow && blocksQueryRows || generatedRow && blocksGeneratedRows);
                    Assert.Equal(expected, knockout.Blocks(Groups, layer, q, k));
                }
    }

    static string Refusal(AttentionKnockout knockout, TokenGroups groups, long sequenceLimit)
    {
        var error = Assert.Throws<InterpPartException>(() => InterpOptions.For(groups, 4, sequenceLimit, knockout));
        Assert.Equal(InterpPart.Knockout, error.Part);
        return error.Message;
    }

    [Fact]
    public void InvalidKnockoutsAreRefusedWithClearErrors()
    {
        Assert.Contains("0..3", Refusal(AttentionKnockout.ImageToGenerated(LayerScope.Explicit(7)), Groups, 256));
        var badSpan = new AttentionKnockout([new(new PositionSelector.Span(20, 300), PositionGroup.Generated)], LayerScope.All);
        Assert.Contains("[0, 256)", Refusal(badSpan, Groups, 256));
        Assert.Contains("Image is empty", Refusal(AttentionKnockout.ImageToQuery(LayerScope.All), new TokenGroups(0, 0, 10), 256));
        Assert.Contains("non-empty", Assert.Throws<ArgumentException>(() => new PositionSelector.Span(5, 5)).Message);
        Assert.Contains("allowed: Image", Assert.Throws<ArgumentException>(() => new PositionSelector.Group((PositionGroup)9)).Message);
    }

    [Fact]
    public void AKnockoutThatEmptiesAnAttentionRowIsRefused()
    {
        // BOS (position 0) sees only itself; blocking QUERY -> QUERY leaves its row with no key at all.
        var queryToQuery = new AttentionKnockout([new(PositionGroup.Query, PositionGroup.Query)], LayerScope.All);
        Assert.Contains("position 0", Refusal(queryToQuery, Groups, 38));
        // A span that covers every key the first generated row can see.
        var everything = new AttentionKnockout([new(new PositionSelector.Span(0, 27), new PositionSelector.Span(26, 27))], LayerScope.All);
        Assert.Contains("position 26", Refusal(everything, Groups, 38));
        // The paper's strategies always leave a key.
        Assert.False(InterpOptions.For(Groups, 4, 38, AttentionKnockout.ImageToQueryAndGenerated(LayerScope.All)).Knockout.IsEmpty);
    }

    // Re-implements IForwardHooks so that these members replace the interface defaults.
    sealed class CapturingKnockoutHooks(AttentionKnockout knockout, TokenGroups groups) : KnockoutHooks(knockout, groups), IForwardHooks
    {
        public Dictionary<int, float[]> Probabilities { get; } = new();
        public bool CaptureProbabilities(in AttentionStep step) => step.Phase == StepPhase.Prefill;
        public void OnAttentionProbabilities(in AttentionStep step, Tensor probabilities) =>
            Probabilities[step.Layer] = probabilities.contiguous().data<float>().ToArray();
    }
}
