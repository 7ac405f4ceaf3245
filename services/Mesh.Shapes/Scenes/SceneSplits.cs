namespace Mesh.Shapes.Scenes;

/// <summary>The three fixed splits of the Shapes world.</summary>
public enum SceneSplit { Train, Validation, Test }

/// <summary>
/// Scene seeds by split: scene <c>index</c> of a split has seed <c>tag * 2^40 + index</c>, with tag 0 for train,
/// 1 for validation and 2 for test, so the splits never share a seed. Train has 2^40 scenes (in effect endless),
/// validation <see cref="ValidationSize"/>, test <see cref="TestSize"/>; the held-out splits are these fixed lists.
/// Distinct seeds give distinct images (noise and jitter), though two seeds may place the same objects in the
/// same cells: the world has only so many object lists.
/// </summary>
public static class SceneSplits
{
    public const long ValidationSize = 1_000;
    public const long TestSize = 1_000;
    const int IndexBits = 40;

    /// <summary>Number of scenes in <paramref name="split"/>.</summary>
    public static long Size(SceneSplit split) => split switch
    {
        SceneSplit.Train => 1L << IndexBits,
        SceneSplit.Validation => ValidationSize,
        SceneSplit.Test => TestSize,
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "not a split"),
    };

    /// <summary>The seed of scene <paramref name="index"/> of <paramref name="split"/>.</summary>
    public static ulong Seed(SceneSplit split, long index)
    {
        long size = Size(split);
        if (index < 0 || index >= size)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the {Name(split)} split has scenes 0 to {size - 1}");
        return ((ulong)split << IndexBits) | (ulong)index;
    }

    /// <summary>Scene <paramref name="index"/> of <paramref name="split"/>.</summary>
    public static Scene Scene(this SceneGenerator generator, SceneSplit split, long index) => generator.Generate(Seed(split, index));

    /// <summary>"train", "validation" or "test".</summary>
    public static string Name(SceneSplit split) => split.ToString().ToLowerInvariant();
}
