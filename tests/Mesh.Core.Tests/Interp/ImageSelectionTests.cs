using Mesh.Core.Decoding;
using Mesh.Core.Interp;
using static TorchSharp.torch;

namespace Mesh.Core.Tests.Interp;

/// <summary>Top-K per layer, the baselines' shapes and the masked-generation mask, without a model.</summary>
public sealed class ImageSelectionTests
{
    static readonly TokenGroups Groups = new(2, 6, 8);   // image tokens at 2..5

    [Theory]
    [InlineData(0.05, 576, 28)]
    [InlineData(0.02, 576, 11)]
    [InlineData(1.0, 576, 576)]
    [InlineData(0.29, 100, 29)]
    [InlineData(0.2, 4, 0)]
    public void KeepCountIsTheFloorOfKTimesN(double k, int n, int expected) => Assert.Equal(expected, ImageSelection.KeepCount(k, n));

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void KOutsideZeroToOneIsRefused(double k) =>
        Assert.Contains("(0, 1]", Assert.Throws<ArgumentException>(() => new SelectionRequest(RankingMethod.Norm, k)).Message);

    [Fact]
    public void TopKKeepsEachLayersHighestScoresAsSortedPositions()
    {
        float[][] scores = [[0.1f, 0.4f, 0.3f, 0.2f], [0.5f, 0.5f, 0.1f, 0.9f]];
        var selection = ImageSelection.TopK(RankingMethod.Attention, 0.5, scores, Groups);
        Assert.Equal([3L, 4L], selection.Kept[0]);
        Assert.Equal([2L, 5L], selection.Kept[1]);   // tie between 2 and 3 goes to the earlier token
        Assert.True(selection.Keeps(1, 5));
        Assert.False(selection.Keeps(1, 3));
    }

    [Fact]
    public void FastVKeepsEverythingUpToItsLayerAndTheTopAfterIt()
    {
        var selection = ImageSelection.FastV(0.25, [0.1f, 0.2f, 0.6f, 0.1f], layer: 1, layerCount: 4, Groups);
        Assert.Equal([2L, 3L, 4L, 5L], selection.Kept[0]);
        Assert.Equal([2L, 3L, 4L, 5L], selection.Kept[1]);
        Assert.Equal([4L], selection.Kept[2]);
        Assert.Equal([4L], selection.Kept[3]);
    }

    [Fact]
    public void RandomSelectionIsReproducibleBySeedAndDiffersAcrossLayers()
    {
        var wide = new TokenGroups(0, 100, 101);
        var a = ImageSelection.Random(0.1, 3, wide, seed: 7);
        var b = ImageSelection.Random(0.1, 3, wide, seed: 7);
        var c = ImageSelection.Random(0.1, 3, wide, seed: 8);
        Assert.Equal(a.Kept, b.Kept);
        Assert.NotEqual(a.Kept[0], c.Kept[0]);
        Assert.NotEqual(a.Kept[0], a.Kept[1]);
        Assert.All(a.Kept, layer => Assert.Equal(10, layer.Length));
    }

    [Fact]
    public void MaskedGenerationHidesOnlyUnkeptImageKeysAndOnlyInDecodeSteps()
    {
        var selection = new ImageSelection(RankingMethod.Attention, 0.5, [[3L, 4L]]);
        var hooks = new SelectionMaskHooks(selection, Groups);
        long[] keys = [0, 1, 2, 3, 4, 5, 6, 7, 8];
        Assert.Null(hooks.AttentionMask(new AttentionStep(0, StepPhase.Prefill, [0, 1, 2, 3, 4, 5, 6, 7], keys[..8], CPU)));

        using var mask = hooks.AttentionMask(new AttentionStep(0, StepPhase.Decode, [8], keys, CPU))!;
        var values = mask.data<float>().ToArray();
        var blocked = Enumerable.Range(0, 9).Where(k => float.IsNegativeInfinity(values[k])).ToArray();
        Assert.Equal([2, 5], blocked);
        Assert.All(Enumerable.Range(0, 9).Except(blocked), k => Assert.Equal(0f, values[k]));
    }

    [Fact]
    public void SelectionRequestsAreValidByConstructionAndFittedToTheModel()
    {
        Assert.Contains("allowed", Assert.Throws<ArgumentException>(() => new SelectionRequest((RankingMethod)9, 0.5)).Message);
        Assert.Contains("from 0", Assert.Throws<ArgumentException>(() => new SelectionRequest(RankingMethod.FastV, 0.5, fastVLayer: -1)).Message);
        var error = Assert.Throws<InterpPartException>(() =>
            InterpOptions.For(Groups, 4, 16, selection: new SelectionRequest(RankingMethod.FastV, 0.5, fastVLayer: 4)));
        Assert.Equal(InterpPart.Selection, error.Part);
        Assert.Contains("0..3", error.Message);
    }
}
