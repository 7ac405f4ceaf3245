namespace Mesh.Core.Interp;

/// <summary>Attention mass of one predicting row per key group, head-averaged; the three sum to 1.</summary>
public readonly record struct AttentionFractions(float Image, float Query, float Generated);

/// <summary>Head-averaged attention over the IMAGE columns, [Grid.Rows, Grid.Cols] row-major (0 where a column is not cached).</summary>
public sealed record AttentionGrid(ImageGrid Grid, Half[] Values)
{
    public long Bytes => Values.Length * 2L;
}

/// <summary>Every head's whole row, [Heads, KeyPositions.Length] row-major.</summary>
public sealed record FullRows(int Heads, long[] KeyPositions, float[] Values)
{
    public long Bytes => Values.Length * 4L + KeyPositions.Length * 8L;
}

/// <summary>One layer's view of the row that predicted a token.</summary>
public sealed record TracedLayer(int Layer, AttentionFractions Fractions, AttentionGrid? ImageMap = null, FullRows? Rows = null)
{
    public long Bytes => 4 + 3 * 4 + (ImageMap?.Bytes ?? 0) + (Rows?.Bytes ?? 0);
}

/// <summary>
/// The traces of generated token <see cref="TokenIndex"/>, read from the attention row at
/// <see cref="PredictingPosition"/> (prompt length - 1 + index): token 0 carries the prefill's last row.
/// </summary>
public sealed record TokenTrace(int TokenIndex, int TokenId, long PredictingPosition, IReadOnlyList<TracedLayer> Layers)
{
    public long Bytes => Layers.Sum(l => l.Bytes);
}

/// <summary>Receives each token's traces as soon as the token is chosen, so a run is never held whole in memory.</summary>
public interface ITraceSink
{
    void OnTokenTrace(TokenTrace trace);
}

/// <summary>A sink that keeps everything (tests, small runs).</summary>
public sealed class CollectingTraceSink : ITraceSink
{
    public List<TokenTrace> Traces { get; } = [];
    public void OnTokenTrace(TokenTrace trace) => Traces.Add(trace);
}
