using Mesh.Core.Decoding;
using static TorchSharp.torch;

namespace Mesh.Benchmarks;

/// <summary>
/// Hooks that ask every layer for its softmax probabilities and copy them into managed memory, as a
/// consumer streaming full attention rows would. Buffers are reused per layer.
/// </summary>
public sealed class ProbabilityKeeper(int layers) : IForwardHooks
{
    readonly float[][] _kept = Enumerable.Range(0, layers).Select(_ => Array.Empty<float>()).ToArray();

    public long BytesKept { get; private set; }

    public bool CaptureProbabilities(in AttentionStep step) => true;

    public void OnAttentionProbabilities(in AttentionStep step, Tensor probabilities)
    {
        long count = probabilities.numel();
        if (_kept[step.Layer].Length < count) _kept[step.Layer] = new float[count];
        probabilities.contiguous().data<float>().CopyTo(_kept[step.Layer]);
        BytesKept += count * sizeof(float);
    }
}
