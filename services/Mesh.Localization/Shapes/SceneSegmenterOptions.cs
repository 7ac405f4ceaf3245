using System.ComponentModel.DataAnnotations;

namespace Mesh.Localization.Shapes;

/// <summary>Settings of the <see cref="SceneSegmenter"/>; the defaults suit the Shapes world at any image size.</summary>
public sealed record SceneSegmenterOptions
{
    /// <summary>
    /// Largest RGB distance from a palette colour at which a pixel still takes it. Shapes are flat (distance 0) and the
    /// grey background stays over 100 away from every colour, so the default 48 leaves room for mild compression.
    /// </summary>
    [Range(1.0, 100.0)]
    public double MaxColourDistance { get; init; } = 48;

    /// <summary>Components of fewer pixels that belong to no fitted shape are dropped as noise. Default 4.</summary>
    [Range(1, 10_000)]
    public int MinArea { get; init; } = 4;

    /// <summary>
    /// A component whose best single-shape fit (an IoU) is below this is tried as several touching shapes of one
    /// colour. Single shapes fit at about 0.88 or better (measured over thousands of scenes at 48, 64 and 96 px); the default is 0.8.
    /// </summary>
    [Range(0.0, 1.0)]
    public double SplitBelow { get; init; } = 0.8;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        try
        {
            System.ComponentModel.DataAnnotations.Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
        }
        catch (ValidationException e)
        {
            throw new ArgumentException($"scene segmenter options: {e.Message}", e);
        }
    }
}
