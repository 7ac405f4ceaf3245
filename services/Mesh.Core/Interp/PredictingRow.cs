using static TorchSharp.torch;

namespace Mesh.Core.Interp;

/// <summary>The attention row that predicts the next token: the last new row of a step.</summary>
internal static class PredictingRow
{
    /// <summary>probabilities [1, H, T, S] -> the last row's head mean, [S].</summary>
    public static float[] HeadMean(Tensor probabilities)
    {
        using var scope = NewDisposeScope();
        long t = probabilities.shape[2];
        var row = t == 1 ? probabilities : probabilities.narrow(2, t - 1, 1);       // [1, H, 1, S]
        return row.mean([1]).data<float>().ToArray();                              // [1, 1, S]
    }

    /// <summary>probabilities [1, H, T, S] -> the last row of every head, [H * S] row-major.</summary>
    public static float[] AllHeads(Tensor probabilities)
    {
        using var scope = NewDisposeScope();
        long t = probabilities.shape[2];
        return probabilities.select(0, 0).select(1, t - 1)                          // [H, S]
            .to(float32).contiguous().data<float>().ToArray();
    }
}
