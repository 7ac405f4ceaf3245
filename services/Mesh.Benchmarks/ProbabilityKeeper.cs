using Mesh.Core.Decoding;
using static TorchSharp.torch;

namespace Mesh.Benchmarks;

/// <summary>
/// Hooks that ask every layer for its softmax probabilities and copy them into managed memory, as a
/// consumer streaming full attention rows would. Buffers are reused per layer.
/// </summary>
public sealed class ProbabilityKeeper(int layers) : IForwardHooks
{
    readonly float[][] kept = Enumerable.Range(0, layers).Select(_ => Array.Empty<float>()).ToArray();

    public long BytesKept { get; private set; }

    public bool CaptureProbabilities(in AttentionStep step) => true;

    public void OnAttentionProbabilities(in AttentionStep step, Tensor probabilities)
    {
        long count = probabilities.numel();
        if (kept[step.Layer].Length < count) kept[step.Layer] = new float[count];
        probabilities.contiguous().data<float>().CopyTo(kept[step.Layer]);
        BytesKept += count * sizeof(float);
    }
}
