using Mesh.Judging.Lexicon;
using Mesh.Shapes.Scenes;
using Mesh.Core.Vision;

namespace Mesh.Localization.Shapes;

/// <summary>
/// The Shapes world's segmenter (docs/design.md section 5), working from the pixels alone, never from a generator's
/// answer key: each pixel takes the nearest palette colour or none (<see cref="PaletteLabeler"/>), pixels of one
/// colour form connected components, each component's kind is told by fitting the world's shapes to it
/// (<see cref="ShapeFitter"/>), and small same-colour pieces that a fitted shape covers (an arm cut off by an
/// occluding shape) join it. A component that no single shape fits well is tried as several touching shapes of
/// one colour (<see cref="MergedShapeSplitter"/>). Masks are the components' pixels; scores are the fits' overlap.
/// Shapes are listed top to bottom, then left to right, by their fitted centres. Thread-safe.
/// </summary>
public sealed class SceneSegmenter : ISegmenter
{
    readonly SceneSegmenterOptions _options;
    readonly ImageLimits _limits;

    public SceneSegmenter(SceneSegmenterOptions? options = null, ImageLimits? limits = null)
    {
        _options = options ?? new SceneSegmenterOptions();
        _options.Validate();
        _limits = limits ?? new ImageLimits();
    }

    /// <inheritdoc />
    public IReadOnlyList<string> KnownNames { get; } = [.. Enum.GetValues<ShapeKind>().Select(k => k.Word())];

    /// <inheritdoc />
    public SegmentationResult Segment(ReadOnlySpan<byte> image, IReadOnlyCollection<string> names)
    {
        var wanted = names.Select(n => (Name: n, Kind: KindOf(n))).ToList();
        var found = Segment(RgbImage.Decode(image, _limits));
        var objects = wanted.Count == 0
            ? [.. found.Select(f => new SegmentedObject(f.Fit.Kind.Word(), f.Mask, (float)f.Fit.Score))]
            : wanted.SelectMany(w => found.Where(f => f.Fit.Kind == w.Kind).Select(f => new SegmentedObject(w.Name, f.Mask, (float)f.Fit.Score))).ToList();
        return new SegmentationResult(found.Height, found.Width, objects);
    }

    /// <summary>Every shape in a decoded image, with its fit.</summary>
    internal FoundShapes Segment(RgbImage image)
    {
        var labels = PaletteLabeler.Label(image, _options.MaxColourDistance);
        var components = ConnectedComponents.Find(labels, image.Height, image.Width).OrderByDescending(c => c.Pixels.Count).ToList();
        var fitter = new ShapeFitter(labels, image.Height, image.Width);
        var splitter = new MergedShapeSplitter(image.Height, image.Width, fitter);
        var shapes = new List<(ShapeFit Fit, Component Component)>();
        foreach (var component in components)
        {
            var owner = shapes.FirstOrDefault(s => s.Component.Label == component.Label
                                                   && component.Pixels.All(p => s.Fit.Covers(p % image.Width, p / image.Width, margin: 1)));
            if (owner.Component is not null)
                owner.Component.Pixels.AddRange(component.Pixels); // a piece of an occluded shape
            else if (component.Pixels.Count >= _options.MinArea)
            {
                var fit = fitter.Fit(component);
                var parts = fit.Score < _options.SplitBelow ? splitter.TrySplit(component, fit) : null;
                shapes.AddRange(parts ?? [(fit, component)]);
            }
        }
        return new FoundShapes(image.Height, image.Width,
            [.. shapes.OrderBy(s => s.Fit.CentreY).ThenBy(s => s.Fit.CentreX).Select(s => new FoundShape(s.Fit, MaskOf(s.Component, image.Height, image.Width)))]);
    }

    ShapeKind KindOf(string name)
    {
        string key = name.Trim().ToLowerInvariant();
        var kind = Enum.GetValues<ShapeKind>().FirstOrDefault(k => k.Word() == key || k.Plural() == key || k.Word() == ObjectLexicon.Default.CanonicalOf(key), (ShapeKind)(-1));
        return Enum.IsDefined(kind) ? kind : throw new UnknownObjectException(name, KnownNames);
    }

    static ObjectMask MaskOf(Component component, int height, int width)
    {
        var pixels = new bool[height * width];
        foreach (int p in component.Pixels) pixels[p] = true;
        return new ObjectMask(width, height, pixels);
    }
}

/// <summary>One shape the segmenter found.</summary>
internal sealed record FoundShape(ShapeFit Fit, ObjectMask Mask);

/// <summary>The shapes found in one image.</summary>
internal sealed record FoundShapes(int Height, int Width, IReadOnlyList<FoundShape> Shapes) : IEnumerable<FoundShape>
{
    public IEnumerator<FoundShape> GetEnumerator() => Shapes.GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
