using Mesh.Core.Decoding;
using static TorchSharp.torch;

namespace Mesh.Core.Interp;

/// <summary>
/// Scores image tokens by the L2 norm of the hidden state entering each layer during the prefill:
/// layer 0 reads the prompt embeddings, layer l the output of layer l - 1.
/// </summary>
public sealed class NormScorer : IForwardHooks
{
    readonly TokenGroups _groups;
    readonly float[][] _scores;

    /// <param name="inputsEmbeds">The prompt embeddings [1, T, hidden] that the prefill will run.</param>
    public NormScorer(TokenGroups groups, int layerCount, Tensor inputsEmbeds)
    {
        _groups = groups;
        _scores = new float[layerCount][];
        _scores[0] = ImageNorms(inputsEmbeds);
    }

    public void OnLayerOutput(int layer, StepPhase phase, Tensor hidden)
    {
        if (phase == StepPhase.Prefill && layer + 1 < _scores.Length) _scores[layer + 1] = ImageNorms(hidden);
    }

    /// <summary>score[layer][i], available after the prefill.</summary>
    public float[][] Scores() =>
        _scores.Any(s => s is null) ? throw new InvalidOperationException("norm scores are read after the prefill") : _scores;

    float[] ImageNorms(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        long n = _groups.ImageEnd - _groups.ImageStart;
        var image = hidden.select(0, 0).narrow(0, _groups.ImageStart, n);         // [N, hidden]
        return image.to(float32).norm(1).data<float>().ToArray();                 // [N]
    }
}
