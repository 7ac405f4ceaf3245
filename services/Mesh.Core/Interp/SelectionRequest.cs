namespace Mesh.Core.Interp;

/// <summary>
/// Which image tokens to keep: the method, K in (0, 1], the seed of the random baseline and the layer
/// at which FastV ranks. Valid by construction (<see cref="ArgumentException"/> otherwise); whether the
/// FastV layer exists and the prompt holds an image is checked when a request is fitted to a model.
/// </summary>
public sealed record SelectionRequest
{
    public SelectionRequest(RankingMethod method, double k, int seed = 0, int fastVLayer = 2)
    {
        if (!Enum.IsDefined(method))
            throw new ArgumentException($"unknown selection method {(int)method}; allowed: {string.Join(", ", Enum.GetNames<RankingMethod>())}");
        if (!(k > 0 && k <= 1)) throw new ArgumentException($"k is {k}; allowed: a fraction in (0, 1]");
        if (fastVLayer < 0) throw new ArgumentException($"the FastV layer is {fastVLayer}; allowed: a layer index from 0");
        (Method, K, Seed, FastVLayer) = (method, k, seed, fastVLayer);
    }

    public RankingMethod Method { get; }
    public double K { get; }
    public int Seed { get; }
    public int FastVLayer { get; }

    /// <summary>Whether scoring needs the generated rows' attention (a whole describe pass) rather than the prefill alone.</summary>
    public bool NeedsGeneration => Method == RankingMethod.Attention;

    /// <summary>Throws <see cref="ArgumentException"/> for a prompt without an image or a FastV layer outside the model.</summary>
    internal void CheckFits(TokenGroups groups, int layerCount)
    {
        if (groups.IsEmptyInPrompt(PositionGroup.Image)) throw new ArgumentException("image-token selection needs a prompt with an image");
        if (Method == RankingMethod.FastV && FastVLayer >= layerCount)
            throw new ArgumentException($"the FastV layer {FastVLayer} is outside the model; layers are 0..{layerCount - 1}");
    }
}
