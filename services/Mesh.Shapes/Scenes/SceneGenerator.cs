namespace Mesh.Shapes.Scenes;

/// <summary>
/// Makes the scene of a seed: a pure function of (seed, options), so the same seed always gives byte-identical
/// pixels and identical text. Layout, background noise and questions draw from separate random streams, so a
/// change to one (say, the question set) leaves the others' output unchanged.
/// </summary>
public sealed class SceneGenerator
{
    const ulong LayoutStream = 0, NoiseStream = 1, QuestionStream = 2;

    private readonly SceneOptions _options;

    public SceneGenerator(SceneOptions? options = null)
    {
        _options = options ?? new SceneOptions();
        _options.Validate();
    }

    public SceneOptions Options => _options;

    public Scene Generate(ulong seed)
    {
        var shapes = Place(SceneRandom.For(seed, LayoutStream));
        int size = _options.ImageSize;
        var (rgb, masks, areas) = SceneRenderer.Render(shapes, size, _options, SceneRandom.For(seed, NoiseStream));
        var objects = shapes.Select((s, i) => new SceneObject(s.Kind, s.Colour, s.Size, s.Cell, s.CentreX, s.CentreY, s.Radius, masks[i], areas[i])).ToArray();
        var questions = SceneQuestions.Ask(objects, SceneRandom.For(seed, QuestionStream));
        return new Scene(seed, size, rgb, objects, SceneDescription.Describe(objects), questions);
    }

    /// <summary>1-4 shapes (by default) in distinct cells, in reading order, each centre jittered within its cell and kept inside the image.</summary>
    List<PlacedShape> Place(SceneRandom random)
    {
        int count = random.Next(_options.MinObjects, _options.MaxObjects);
        var cells = random.Sample(GridCell.All, count).OrderBy(c => c.Index);
        var shapes = new List<PlacedShape>(count);
        double cell = _options.CellSize;
        foreach (var at in cells)
        {
            var (kind, colour, size) = (random.Pick<ShapeKind>(), random.Pick<ShapeColour>(), random.Pick<ObjectSize>());
            double radius = _options.RadiusPixels(size);
            double x = (at.Column + 0.5 + Shift(random)) * cell, y = (at.Row + 0.5 + Shift(random)) * cell;
            shapes.Add(new PlacedShape(kind, colour, size, at, Inside(x, radius), Inside(y, radius), radius));
        }
        return shapes;
    }

    double Shift(SceneRandom random) => (2 * random.NextDouble() - 1) * _options.Jitter;

    // Shapes fit in [centre - r, centre + r]; clamping keeps border shapes whole.
    double Inside(double centre, double radius) => Math.Clamp(centre, radius, _options.ImageSize - radius);
}
