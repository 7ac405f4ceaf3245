using Mesh.Core.Decoding;
using Mesh.Core.Nn;
using static TorchSharp.torch;

namespace Mesh.Core.Tests.Nn;

/// <summary>The packed, cache-free training forward against the inference forward and the Hugging Face reference.</summary>
public sealed class TrainingForwardTests(TinyLlavaFixture fixture) : IClassFixture<TinyLlavaFixture>
{
    [Fact]
    public void PackedForwardGivesTheInferenceLogitsOnTheFixturePrompt()
    {
        var model = fixture.Model.Decoder;
        using var embeds = fixture.Embeds();                              // [1, 26, 64]
        using var cache = model.NewCache(fixture.Layout.Length);
        using var noGrad = no_grad();
        using var inference = model.Forward(embeds, fixture.Layout.Positions(), cache, StepPhase.Prefill, allLogits: true);
        using var packing = PackedSequences.Create([(int)embeds.shape[1]]);
        using var hidden = model.ForwardPacked(embeds[0], packing);       // [26, 64]
        using var training = model.LmHead(hidden);
        Reference.AssertClose(inference.data<float>().ToArray(), training.data<float>().ToArray(), 1e-5f, "training vs inference logits");
        Reference.AssertClose(Reference.ReadF32(TinyLlavaFixture.ReferenceFile, "logits"), training.data<float>().ToArray(), 1e-4f, "training logits vs transformers");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void EverySequenceMatchesItsOwnForwardWhateverItIsPackedWith(int maxBuckets)
    {
        // The fixture prompt (26 rows), its first 20 rows, 7 rows in reverse order and the first 20 again: one bucket
        // pads three of them, more buckets pad fewer; no row may read another sequence's rows either way.
        var model = fixture.Model.Decoder;
        using var noGrad = no_grad();
        using var embeds = fixture.Embeds()[0];                           // [26, 64]
        Tensor[] sequences = [embeds, embeds.narrow(0, 0, 20), embeds.narrow(0, 3, 7).flip(0), embeds.narrow(0, 0, 20)];
        using var packed = cat(sequences, 0);                             // [73, 64]
        using var packing = PackedSequences.Create([.. sequences.Select(s => (int)s.shape[0])], maxBuckets);
        Assert.Equal(Math.Min(maxBuckets, 3), packing.Buckets.Count);    // three distinct lengths
        using var hidden = model.ForwardPacked(packed, packing);          // [73, 64]
        long start = 0;
        foreach (var sequence in sequences)
        {
            long n = sequence.shape[0];
            using var alone = PackedSequences.Create([(int)n]);
            using var expected = model.ForwardPacked(sequence, alone);
            Reference.AssertClose(expected.data<float>().ToArray(), hidden.narrow(0, start, n).contiguous().data<float>().ToArray(), 1e-5f,
                $"the {n}-row sequence at row {start}");
            start += n;
        }
    }

    [Fact]
    public void BadInputShapesAreRefused()
    {
        using var packing = PackedSequences.Create([26]);
        using var batched = zeros(1, 26, 64);
        using var narrow = zeros(26, 32);
        using var shorter = zeros(25, 64);
        Assert.Contains("[26, 64]", Assert.Throws<ArgumentException>(() => fixture.Model.Decoder.ForwardPacked(batched, packing)).Message);
        Assert.Throws<ArgumentException>(() => fixture.Model.Decoder.ForwardPacked(narrow, packing));
        Assert.Throws<ArgumentException>(() => fixture.Model.Decoder.ForwardPacked(shorter, packing));
    }
}
