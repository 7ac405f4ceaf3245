using Mesh.Core.Decoding;
using static TorchSharp.torch;

namespace Mesh.Core.Interp;

/// <summary>
/// Scores image tokens by the attention generated tokens pay them (docs/paper.md section 6):
/// score[l, i] = mean over steps (the prefill's last row included) of the head-mean of the predicting row
/// at image column i. Needs every image column in the cache (the describe pass over the full image).
/// </summary>
public sealed class AttentionScorer(TokenGroups groups, int layerCount) : IForwardHooks
{
    readonly double[][] _sums = NewSums(groups, layerCount);
    readonly int[] _steps = new int[layerCount];

    static double[][] NewSums(TokenGroups groups, int layers) =>
        Enumerable.Range(0, layers).Select(_ => new double[groups.ImageEnd - groups.ImageStart]).ToArray();

    public bool CaptureProbabilities(in AttentionStep step) => true;

    public void OnAttentionProbabilities(in AttentionStep step, Tensor probabilities)
    {
        var mean = PredictingRow.HeadMean(probabilities);                         // [S]
        var sum = _sums[step.Layer];
        int seen = 0;
        for (int k = 0; k < step.KeyPositions.Length; k++)
        {
            long cell = step.KeyPositions[k] - groups.ImageStart;
            if (cell < 0 || cell >= sum.Length) continue;
            sum[cell] += mean[k];
            seen++;
        }
        if (seen != sum.Length)
            throw new InvalidOperationException($"layer {step.Layer} caches {seen} of {sum.Length} image tokens; attention scores need the full image");
        _steps[step.Layer]++;
    }

    /// <summary>score[layer][i] for the steps seen so far.</summary>
    public float[][] Scores() =>
        _sums.Select((sum, l) => sum.Select(v => _steps[l] == 0 ? 0f : (float)(v / _steps[l])).ToArray()).ToArray();
}
