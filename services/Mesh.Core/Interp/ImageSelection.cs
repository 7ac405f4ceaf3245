namespace Mesh.Core.Interp;

/// <summary>How image tokens are ranked (docs/paper.md section 6).</summary>
public enum RankingMethod
{
    /// <summary>Mean attention from the generated rows (the prefill's last row included), per layer.</summary>
    Attention,
    /// <summary>A seeded random K% per layer.</summary>
    Random,
    /// <summary>The L2 norm of each image token's hidden state entering the layer.</summary>
    Norm,
    /// <summary>The last prompt row's attention at one layer; every later layer keeps that layer's top K%, earlier ones keep all.</summary>
    FastV,
}

/// <summary>The image positions kept in each layer: sorted absolute positions, one array per layer.</summary>
public sealed record ImageSelection(RankingMethod Method, double K, long[][] Kept)
{
    /// <summary>floor(K * N), the number of image tokens a layer keeps (docs/paper.md section 6).</summary>
    public static int KeepCount(double k, int imageTokens) => (int)Math.Floor(k * imageTokens + 1e-9);

    public int Layers => Kept.Length;

    public bool Keeps(int layer, long position) => Array.BinarySearch(Kept[layer], position) >= 0;

    /// <summary>Per layer, the top floor(K * N) image tokens of <paramref name="scores"/> [layer][N] (ties: the earlier token).</summary>
    public static ImageSelection TopK(RankingMethod method, double k, IReadOnlyList<float[]> scores, TokenGroups groups) =>
        new(method, k, scores.Select(layer => Top(layer, k, groups)).ToArray());

    /// <summary>Layers up to <paramref name="layer"/> keep every image token; later ones keep the top K% by <paramref name="scoresAtLayer"/>.</summary>
    public static ImageSelection FastV(double k, float[] scoresAtLayer, int layer, int layerCount, TokenGroups groups)
    {
        var all = Enumerable.Range(0, scoresAtLayer.Length).Select(i => groups.ImageStart + i).ToArray();
        var top = Top(scoresAtLayer, k, groups);
        return new(RankingMethod.FastV, k, Enumerable.Range(0, layerCount).Select(l => l <= layer ? all : top).ToArray());
    }

    /// <summary>A random floor(K * N) image tokens per layer, reproducible from <paramref name="seed"/>.</summary>
    public static ImageSelection Random(double k, int layerCount, TokenGroups groups, int seed)
    {
        var random = new System.Random(seed);
        int n = (int)(groups.ImageEnd - groups.ImageStart);
        var scores = Enumerable.Range(0, layerCount)
            .Select(_ => Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray()).ToArray();
        return TopK(RankingMethod.Random, k, scores, groups);
    }

    static long[] Top(float[] scores, double k, TokenGroups groups)
    {
        int keep = KeepCount(k, scores.Length);
        return Enumerable.Range(0, scores.Length)
            .OrderByDescending(i => scores[i]).ThenBy(i => i)
            .Take(keep).Select(i => groups.ImageStart + i).Order().ToArray();
    }
}
