using Mesh.Core.Decoding;
using static TorchSharp.torch;

namespace Mesh.Core.Tests.Decoding;

/// <summary>Test hooks that keep what the prefill exposes: probabilities, layer outputs and the final hidden state.</summary>
internal class RecordingHooks(bool captureProbabilities = true) : IForwardHooks
{
    public Dictionary<int, float[]> Probabilities { get; } = new();
    public Dictionary<int, float[]> LayerOutputs { get; } = new();
    public float[]? FinalHidden { get; private set; }

    public virtual Tensor? AttentionMask(in AttentionStep step) => null;

    public bool CaptureProbabilities(in AttentionStep step) => captureProbabilities && step.Phase == StepPhase.Prefill;

    public void OnAttentionProbabilities(in AttentionStep step, Tensor probabilities) =>
        Probabilities[step.Layer] = probabilities.contiguous().data<float>().ToArray();

    public void OnLayerOutput(int layer, StepPhase phase, Tensor hidden)
    {
        if (phase == StepPhase.Prefill) LayerOutputs[layer] = hidden.to(float32).contiguous().data<float>().ToArray();
    }

    public void OnFinalHidden(StepPhase phase, Tensor hidden)
    {
        if (phase == StepPhase.Prefill) FinalHidden = hidden.to(float32).contiguous().data<float>().ToArray();
    }
}

/// <summary>
/// Applies the fixture's knockout exactly as recorded: <c>blocked_mask</c> [layer, query, key] over 38
/// positions, 1 = add -inf before the softmax. Layers with nothing blocked for the step get no mask.
/// </summary>
internal sealed class FixtureMaskHooks(byte[] blocked, int size, bool captureProbabilities) : RecordingHooks(captureProbabilities)
{
    public override Tensor? AttentionMask(in AttentionStep step)
    {
        int t = step.QueryPositions.Length, s = step.KeyPositions.Length;
        var blockedHere = new bool[t * s];
        for (int q = 0; q < t; q++)
            for (int k = 0; k < s; k++)
                blockedHere[q * s + k] = blocked[((long)step.Layer * size + step.QueryPositions[q]) * size + step.KeyPositions[k]] != 0;
        return AdditiveMask.FromBlocked(blockedHere, t, s, step.Device);
    }

    public static FixtureMaskHooks FromFixture(bool captureProbabilities = true)
    {
        using var file = Mesh.Core.Loading.SafeTensorsFile.Open(TinyLlavaFixture.KnockoutFile);
        var shape = file.Info("blocked_mask").Shape;  // [layers, 38, 38]
        return new FixtureMaskHooks(file.ReadBytes("blocked_mask"), (int)shape[1], captureProbabilities);
    }
}
