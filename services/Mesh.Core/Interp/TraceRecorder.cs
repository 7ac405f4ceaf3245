using Mesh.Core.Decoding;
using static TorchSharp.torch;

namespace Mesh.Core.Interp;

/// <summary>
/// Reads the predicting row of every traced layer in each step and, once the step's token is chosen,
/// hands that token's <see cref="TokenTrace"/> to the sink (<see cref="Emit"/>). Holds one step at a time.
/// </summary>
public sealed class TraceRecorder(TraceRequest options, TokenGroups groups, ImageGrid grid, ITraceSink sink) : IForwardHooks
{
    readonly SortedDictionary<int, TracedLayer> _pending = [];
    long _predictingPosition = -1;

    public bool CaptureProbabilities(in AttentionStep step) => options.IsEnabled && options.Layers.Contains(step.Layer);

    public void OnAttentionProbabilities(in AttentionStep step, Tensor probabilities)
    {
        var mean = PredictingRow.HeadMean(probabilities);                         // [S]
        var keys = step.KeyPositions;
        _predictingPosition = step.QueryPositions[^1];
        _pending[step.Layer] = new TracedLayer(
            step.Layer,
            Fractions(mean, keys),
            options.Level >= TraceDetail.ImageMaps ? Map(mean, keys) : null,
            options.Level >= TraceDetail.FullRows
                ? new FullRows((int)probabilities.shape[1], keys.ToArray(), PredictingRow.AllHeads(probabilities))
                : null);
    }

    /// <summary>Sends the traces of the step just run as token <paramref name="tokenIndex"/> = <paramref name="tokenId"/>.</summary>
    public TokenTrace? Emit(int tokenIndex, int tokenId)
    {
        if (_pending.Count == 0) return null;
        var trace = new TokenTrace(tokenIndex, tokenId, _predictingPosition, _pending.Values.ToArray());
        _pending.Clear();
        sink.OnTokenTrace(trace);
        return trace;
    }

    AttentionFractions Fractions(ReadOnlySpan<float> mean, ReadOnlySpan<long> keys)
    {
        double image = 0, query = 0, generated = 0;
        for (int k = 0; k < keys.Length; k++)
        {
            if (groups.Contains(PositionGroup.Image, keys[k])) image += mean[k];
            else if (groups.Contains(PositionGroup.Generated, keys[k])) generated += mean[k];
            else query += mean[k];
        }
        return new((float)image, (float)query, (float)generated);
    }

    AttentionGrid Map(ReadOnlySpan<float> mean, ReadOnlySpan<long> keys)
    {
        var values = new Half[grid.Count];
        for (int k = 0; k < keys.Length; k++)
        {
            long cell = keys[k] - groups.ImageStart;
            if (cell >= 0 && cell < values.Length && groups.Contains(PositionGroup.Image, keys[k])) values[cell] = (Half)mean[k];
        }
        return new AttentionGrid(grid, values);
    }
}
