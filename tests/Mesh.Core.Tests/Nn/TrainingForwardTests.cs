using Mesh.Core.Decoding;
using static TorchSharp.torch;

namespace Mesh.Core.Tests.Nn;

/// <summary>The batched, cache-free training forward against the inference forward and the Hugging Face reference.</summary>
public sealed class TrainingForwardTests(TinyLlavaFixture fixture) : IClassFixture<TinyLlavaFixture>
{
    [Fact]
    public void TrainingForwardGivesTheInferenceLogitsOnTheFixturePrompt()
    {
        var model = fixture.Model.Decoder;
        using var embeds = fixture.Embeds();                              // [1, 26, 64]
        using var cache = model.NewCache(fixture.Layout.Length);
        using var noGrad = no_grad();
        using var inference = model.Forward(embeds, fixture.Layout.Positions(), cache, StepPhase.Prefill, allLogits: true);
        using var hidden = model.ForwardTraining(embeds);
        using var training = model.LmHead(hidden);
        Reference.AssertClose(inference.data<float>().ToArray(), training.data<float>().ToArray(), 1e-5f, "training vs inference logits");
        Reference.AssertClose(Reference.ReadF32(TinyLlavaFixture.ReferenceFile, "logits"), training.data<float>().ToArray(), 1e-4f, "training logits vs transformers");
    }

    [Fact]
    public void EveryRowOfABatchMatchesItsOwnForwardWhateverFollowsIt()
    {
        // Row 0 is the fixture prompt; row 1 is its first 20 rows followed by 6 other rows (as right padding would be).
        var model = fixture.Model.Decoder;
        using var noGrad = no_grad();
        using var embeds = fixture.Embeds();                              // [1, 26, 64]
        using var other = cat([embeds.narrow(1, 0, 20), embeds.narrow(1, 0, 6).flip(1)], 1);
        using var batch = cat([embeds, other], 0);                        // [2, 26, 64]
        using var both = model.ForwardTraining(batch);                    // [2, 26, 64]
        using var alone = model.ForwardTraining(embeds);
        Reference.AssertClose(alone[0].data<float>().ToArray(), both[0].data<float>().ToArray(), 1e-5f, "row 0");
        Reference.AssertClose(alone[0].narrow(0, 0, 20).contiguous().data<float>().ToArray(),
            both[1].narrow(0, 0, 20).contiguous().data<float>().ToArray(), 1e-5f, "row 1, the shared 20 positions");
    }

    [Fact]
    public void BadInputShapesAreRefused()
    {
        using var flat = zeros(26, 64);
        using var narrow = zeros(1, 26, 32);
        Assert.Contains("[B, T, 64]", Assert.Throws<ArgumentException>(() => fixture.Model.Decoder.ForwardTraining(flat)).Message);
        Assert.Throws<ArgumentException>(() => fixture.Model.Decoder.ForwardTraining(narrow));
    }
}
