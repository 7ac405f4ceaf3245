using System.ComponentModel.DataAnnotations;

namespace Mesh.Shapes.Scenes;

/// <summary>
/// How scenes are drawn. Lengths are fractions of a layout cell's side (a third of <see cref="ImageSize"/>),
/// so one seed gives the same scene at every resolution (only the background noise differs).
/// </summary>
public sealed record SceneOptions
{
    /// <summary>Background pixels never exceed this level, well below every shape colour's brightest channel.</summary>
    public const int MaxBackgroundLevel = 150;

    /// <summary>Width and height of the square image in pixels. Default 64 (8x8 patches of 8 px for the model).</summary>
    [Range(24, 1024)]
    public int ImageSize { get; init; } = 64;

    /// <summary>Fewest objects in a scene. Default 1.</summary>
    [Range(1, 9)]
    public int MinObjects { get; init; } = 1;

    /// <summary>Most objects in a scene (each takes its own cell). Default 4.</summary>
    [Range(1, 9)]
    public int MaxObjects { get; init; } = 4;

    /// <summary>Radius of a large shape. Default 0.42 (about 18 px across at 64x64).</summary>
    [Range(0.05, 0.5)]
    public double LargeRadius { get; init; } = 0.42;

    /// <summary>Radius of a small shape. Default 0.28 (about 12 px across at 64x64).</summary>
    [Range(0.05, 0.5)]
    public double SmallRadius { get; init; } = 0.28;

    /// <summary>Largest shift of a centre from its cell's centre, per axis. Default 0.12 (about 2.5 px at 64x64).</summary>
    [Range(0.0, 0.3)]
    public double Jitter { get; init; } = 0.12;

    /// <summary>Lowest and highest grey level of a scene's background. Defaults 40 and 100.</summary>
    [Range(0, MaxBackgroundLevel)]
    public int BackgroundMin { get; init; } = 40;

    /// <inheritdoc cref="BackgroundMin"/>
    [Range(0, MaxBackgroundLevel)]
    public int BackgroundMax { get; init; } = 100;

    /// <summary>Per-pixel, per-channel noise added to the background, uniform in [-Noise, Noise]. Default 25.</summary>
    [Range(0, 100)]
    public int Noise { get; init; } = 25;

    /// <summary>Side of a layout cell in pixels.</summary>
    public double CellSize => ImageSize / 3.0;

    /// <summary>Radius in pixels of a shape of <paramref name="size"/>.</summary>
    public double RadiusPixels(ObjectSize size) => (size == ObjectSize.Large ? LargeRadius : SmallRadius) * CellSize;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        try
        {
            Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
        }
        catch (ValidationException e)
        {
            throw new ArgumentException($"scene options: {e.Message}", e);
        }
        if (MinObjects > MaxObjects)
            throw new ArgumentException($"MinObjects ({MinObjects}) must not exceed MaxObjects ({MaxObjects})");
        if (SmallRadius >= LargeRadius)
            throw new ArgumentException($"SmallRadius ({SmallRadius}) must be below LargeRadius ({LargeRadius})");
        // A shape reaches at most LargeRadius + Jitter cells' sides from its cell's centre. Capping that at 0.6 lets
        // a neighbour cover at most a 0.1-cell strip at the cell's edge, so every object keeps most of itself.
        if (LargeRadius + Jitter > 0.6)
            throw new ArgumentException($"LargeRadius + Jitter ({LargeRadius + Jitter}) must be at most 0.6 so that neighbours cannot hide an object");
        if (SmallRadius * CellSize < 3)
            throw new ArgumentException($"small shapes would be {2 * SmallRadius * CellSize:F1} px across; at least 6 px are needed to tell kinds apart (raise ImageSize or SmallRadius)");
        if (BackgroundMin > BackgroundMax || BackgroundMin - Noise < 0 || BackgroundMax + Noise > MaxBackgroundLevel)
            throw new ArgumentException(
                $"background levels [{BackgroundMin}, {BackgroundMax}] with noise {Noise} must stay within [0, {MaxBackgroundLevel}]");
    }
}
