using Mesh.Shapes.Scenes;

namespace Mesh.Localization;

/// <summary>One object a segmenter found: its name, its pixels at the image's size and a confidence in [0, 1].</summary>
public sealed record SegmentedObject(string Name, ObjectMask Mask, float Score);

/// <summary>What a segmenter found in one image of <paramref name="Height"/> x <paramref name="Width"/> pixels.</summary>
public sealed record SegmentationResult(int Height, int Width, IReadOnlyList<SegmentedObject> Objects);

/// <summary>Finds object masks in images. Implementations load once and are thread-safe.</summary>
public interface ISegmenter
{
    /// <summary>The object names this segmenter can find.</summary>
    IReadOnlyList<string> KnownNames { get; }

    /// <summary>
    /// Masks of the objects named <paramref name="names"/> in the encoded <paramref name="image"/> (empty: every object
    /// found). Throws <see cref="Vision.InvalidImageException"/> for a bad image and <see cref="UnknownObjectException"/>
    /// for a name outside <see cref="KnownNames"/>.
    /// </summary>
    SegmentationResult Segment(ReadOnlySpan<byte> image, IReadOnlyCollection<string> names);
}

/// <summary>A requested object name the segmenter does not know; the message lists those it knows.</summary>
public sealed class UnknownObjectException(string name, IEnumerable<string> known)
    : ArgumentException($"'{name}' is not an object this segmenter knows; known: {string.Join(", ", known)}")
{
    /// <summary>The unknown name.</summary>
    public string Name { get; } = name;
}
