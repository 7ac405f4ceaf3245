using Mesh.Core.Decoding;
using Mesh.Core.Tests.Decoding;
using static TorchSharp.torch;

namespace Mesh.Core.Tests.Nn;

/// <summary>
/// The decoder's prefill against Hugging Face transformers (tests/fixtures/README.md): merged input
/// embeddings, every position's logits, every layer's attention probabilities and hidden states.
/// </summary>
public sealed class LlamaForCausalLMParityTests(TinyLlavaFixture fixture) : IClassFixture<TinyLlavaFixture>
{
    const float LogitTolerance = 1e-4f, HiddenTolerance = 1e-4f, AttentionTolerance = 2e-5f;

    (float[] Logits, RecordingHooks Hooks) Prefill(AttentionPath path, RecordingHooks? hooks = null)
    {
        hooks ??= new RecordingHooks();
        var model = fixture.Model.Decoder;
        using var embeds = fixture.Embeds();
        using var cache = model.NewCache(fixture.Layout.Length);
        using var noGrad = no_grad();
        using var logits = model.Forward(embeds, fixture.Layout.Positions(), cache, StepPhase.Prefill, hooks, path, allLogits: true);
        return (logits.data<float>().ToArray(), hooks);
    }

    [Fact]
    public void MergedInputEmbeddingsMatch()
    {
        using var embeds = fixture.Embeds();
        Reference.AssertClose(Reference.ReadF32(TinyLlavaFixture.ReferenceFile, "inputs_embeds"), embeds.data<float>().ToArray(), 1e-6f, "inputs_embeds");
    }

    [Fact]
    public void LogitsOfEveryPositionMatch()
    {
        var (logits, _) = Prefill(AttentionPath.Eager);
        Reference.AssertClose(Reference.ReadF32(TinyLlavaFixture.ReferenceFile, "logits"), logits, LogitTolerance, "logits [1,26,384]");
    }

    [Fact]
    public void AttentionProbabilitiesOfEveryLayerMatch()
    {
        var (_, hooks) = Prefill(AttentionPath.Eager);
        var expected = Reference.ReadF32(TinyLlavaFixture.ReferenceFile, "attentions");   // [4, 4, 26, 26]
        int perLayer = expected.Length / 4;
        for (int layer = 0; layer < 4; layer++)
            Reference.AssertClose(expected.AsSpan(layer * perLayer, perLayer), hooks.Probabilities[layer], AttentionTolerance, $"attentions layer {layer}");
    }

    [Fact]
    public void HiddenStatesOfEveryLayerMatch()
    {
        var (_, hooks) = Prefill(AttentionPath.Eager);
        var expected = Reference.ReadF32(TinyLlavaFixture.ReferenceFile, "hidden_states");   // [5, 26, 64]
        int perState = expected.Length / 5;
        for (int layer = 0; layer < 3; layer++)
            Reference.AssertClose(expected.AsSpan((layer + 1) * perState, perState), hooks.LayerOutputs[layer], HiddenTolerance, $"hidden_states[{layer + 1}]");
        Reference.AssertClose(expected.AsSpan(4 * perState, perState), hooks.FinalHidden, HiddenTolerance, "hidden_states[4] (after the final norm)");
        Reference.AssertClose(Reference.ReadF32(TinyLlavaFixture.ReferenceFile, "last_layer_output"), hooks.LayerOutputs[3], HiddenTolerance, "last_layer_output");
    }

    [Fact]
    public void FusedAndEagerPathsAgreeWithoutMask()
    {
        var (eager, _) = Prefill(AttentionPath.Eager, new RecordingHooks(captureProbabilities: false));
        var (fused, _) = Prefill(AttentionPath.Auto, new RecordingHooks(captureProbabilities: false));
        // The kernels sum in different orders, so fp32 rounding differs (measured 1.7e-5 on logits up to
        // |9.4|, about 2e-6 relative); the bound is the fixture's fp32 logit tolerance.
        Reference.AssertClose(eager, fused, LogitTolerance, "fused vs eager logits");
        Reference.AssertClose(Reference.ReadF32(TinyLlavaFixture.ReferenceFile, "logits"), fused, LogitTolerance, "fused logits vs reference");
    }

    [Fact]
    public void KnockoutLogitsAndProbabilitiesMatch()
    {
        var hooks = FixtureMaskHooks.FromFixture();
        var (logits, _) = Prefill(AttentionPath.Auto, hooks);
        Reference.AssertClose(Reference.ReadF32(TinyLlavaFixture.KnockoutFile, "logits"), logits, LogitTolerance, "knockout logits");
        var expected = Reference.ReadF32(TinyLlavaFixture.KnockoutFile, "attentions");
        int perLayer = expected.Length / 4;
        for (int layer = 0; layer < 4; layer++)
            Reference.AssertClose(expected.AsSpan(layer * perLayer, perLayer), hooks.Probabilities[layer], AttentionTolerance, $"knockout attentions layer {layer}");

        // Blocked entries are exactly zero: layers 1-2, queries from 21, image keys 5..20.
        var probabilities = hooks.Probabilities[1];
        for (int head = 0; head < 4; head++)
            for (int q = 21; q < 26; q++)
                for (int k = 5; k < 21; k++)
                    Assert.Equal(0f, probabilities[(head * 26 + q) * 26 + k]);
    }
}
