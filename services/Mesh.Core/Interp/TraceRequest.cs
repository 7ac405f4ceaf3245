namespace Mesh.Core.Interp;

/// <summary>How much of each predicting row a trace carries (docs/design.md section 4); each level includes the one before.</summary>
public enum TraceDetail
{
    None,
    /// <summary>Per layer: a_IMAGE, a_QUERY, a_GENERATED of the row that predicted the token.</summary>
    Fractions,
    /// <summary>+ the head-averaged attention over the IMAGE columns as an F16 grid.</summary>
    ImageMaps,
    /// <summary>+ every head's whole row.</summary>
    FullRows,
}

/// <summary>The trace detail and the layers it covers; a known detail by construction.</summary>
public sealed record TraceRequest
{
    public TraceRequest(TraceDetail level, LayerScope layers)
    {
        if (!Enum.IsDefined(level))
            throw new ArgumentException($"unknown trace level {(int)level}; allowed: {string.Join(", ", Enum.GetNames<TraceDetail>())}");
        (Level, Layers) = (level, layers);
    }

    public static TraceRequest None { get; } = new(TraceDetail.None, LayerScope.All);

    public TraceDetail Level { get; }
    public LayerScope Layers { get; }

    public bool IsEnabled => Level != TraceDetail.None;

    /// <summary>Throws <see cref="ArgumentException"/> when a traced layer lies outside the model.</summary>
    internal void CheckFits(int layerCount)
    {
        if (IsEnabled) Layers.CheckWithin(layerCount);
    }
}

/// <summary>The image tokens' layout as a grid (LLaVA-1.5: 24 x 24), row-major in position order.</summary>
public readonly record struct ImageGrid(int Rows, int Cols)
{
    public int Count => Rows * Cols;

    /// <summary>A square grid when <paramref name="imageTokens"/> is a perfect square, else one row.</summary>
    public static ImageGrid For(int imageTokens)
    {
        int side = (int)Math.Round(Math.Sqrt(imageTokens));
        return side * side == imageTokens ? new(side, side) : new(1, imageTokens);
    }
}
