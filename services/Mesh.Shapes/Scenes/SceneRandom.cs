namespace Mesh.Shapes.Scenes;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014). Written out rather than <see cref="Random"/> because .NET does not
/// promise that a seeded <see cref="Random"/> gives the same sequence across versions, and the splits, the
/// committed model's data and the tests rely on a scene being the same forever.
/// </summary>
public sealed class SceneRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15;
    private ulong _state;

    public SceneRandom(ulong seed) => _state = seed;

    /// <summary>An independent stream for one purpose (layout, noise, questions...) of one seed.</summary>
    public static SceneRandom For(ulong seed, ulong stream) => new(Mix(seed ^ Mix(stream + Golden)));

    public ulong NextULong() => Mix(_state += Golden);

    /// <summary>Uniform in [0, <paramref name="count"/>).</summary>
    public int Next(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return (int)Math.BigMul(NextULong(), (ulong)count, out _); // high 64 bits of the product: bias below 2^-32
    }

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>] inclusive.</summary>
    public int Next(int min, int max) => min + Next(max - min + 1);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public bool NextBool() => (NextULong() >> 63) != 0;

    public T Pick<T>(IReadOnlyList<T> items) =>
        items.Count > 0 ? items[Next(items.Count)] : throw new ArgumentException("cannot pick from an empty list", nameof(items));

    /// <summary>A uniformly random value of <typeparamref name="T"/>.</summary>
    public T Pick<T>() where T : struct, Enum => Pick(Enum.GetValues<T>());

    /// <summary>The first <paramref name="count"/> items of a uniform shuffle of <paramref name="items"/>.</summary>
    public T[] Sample<T>(IReadOnlyList<T> items, int count)
    {
        var pool = items.ToArray();
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, pool.Length);
        for (int i = 0; i < count; i++)
        {
            int j = i + Next(pool.Length - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool[..count];
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
