using Mesh.Core.Decoding;
using static TorchSharp.torch;

namespace Mesh.Core.Interp;

/// <summary>FastV's ranking: the last prompt row's head-mean attention to each image token at one layer, in the prefill.</summary>
public sealed class FastVScorer(TokenGroups groups, int layer) : IForwardHooks
{
    float[]? _scores;

    public bool CaptureProbabilities(in AttentionStep step) => step.Phase == StepPhase.Prefill && step.Layer == layer;

    public void OnAttentionProbabilities(in AttentionStep step, Tensor probabilities)
    {
        var mean = PredictingRow.HeadMean(probabilities);                         // [S]; prefill keys are positions 0..S-1
        _scores = mean.AsSpan((int)groups.ImageStart, (int)(groups.ImageEnd - groups.ImageStart)).ToArray();
    }

    /// <summary>score[i] at the chosen layer, available after the prefill.</summary>
    public float[] Scores() => _scores ?? throw new InvalidOperationException("FastV scores are read after the prefill");
}
