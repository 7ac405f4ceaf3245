namespace Mesh.Core.Interp;

/// <summary>
/// Which image tokens to keep: the method, K in (0, 1], the seed of the random baseline and the layer
/// at which FastV ranks.
/// </summary>
public sealed record SelectionRequest(RankingMethod Method, double K, int Seed = 0, int FastVLayer = 2)
{
    /// <summary>Throws <see cref="ArgumentException"/> for K outside (0, 1], an unknown method or a FastV layer outside the model.</summary>
    public void Validate(int layerCount)
    {
        ImageSelection.ValidateK(K);
        if (!Enum.IsDefined(Method))
            throw new ArgumentException($"unknown selection method {(int)Method}; allowed: {string.Join(", ", Enum.GetNames<RankingMethod>())}");
        if (Method == RankingMethod.FastV && (FastVLayer < 0 || FastVLayer >= layerCount))
            throw new ArgumentException($"FastV layer {FastVLayer} is outside 0..{layerCount - 1}");
    }

    /// <summary>Whether scoring needs the generated rows' attention (a whole describe pass) rather than the prefill alone.</summary>
    public bool NeedsGeneration => Method == RankingMethod.Attention;
}
