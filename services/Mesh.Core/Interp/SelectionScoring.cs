using Mesh.Core.Decoding;
using static TorchSharp.torch;

namespace Mesh.Core.Interp;

/// <summary>
/// The scorer a <see cref="SelectionRequest"/> needs during a pass, and the selection it yields afterwards
/// (after the prefill for norm and FastV, after the whole pass for attention).
/// </summary>
public sealed class SelectionScoring
{
    readonly SelectionRequest request;
    readonly TokenGroups groups;
    readonly int layers;
    readonly AttentionScorer? attention;
    readonly NormScorer? norm;
    readonly FastVScorer? fastV;

    public SelectionScoring(SelectionRequest request, TokenGroups groups, int layerCount, Tensor inputsEmbeds)
    {
        (this.request, this.groups, layers) = (request, groups, layerCount);
        switch (request.Method)
        {
            case RankingMethod.Attention: attention = new AttentionScorer(groups, layerCount); break;
            case RankingMethod.Norm: norm = new NormScorer(groups, layerCount, inputsEmbeds); break;
            case RankingMethod.FastV: fastV = new FastVScorer(groups, request.FastVLayer); break;
        }
    }

    /// <summary>The hooks that gather scores (null for the random baseline).</summary>
    public IForwardHooks? Hooks => (IForwardHooks?)attention ?? (IForwardHooks?)norm ?? fastV;

    /// <summary>The kept image tokens per layer from what was scored so far.</summary>
    public ImageSelection Select() => request.Method switch
    {
        RankingMethod.Attention => ImageSelection.TopK(RankingMethod.Attention, request.K, attention!.Scores(), groups),
        RankingMethod.Norm => ImageSelection.TopK(RankingMethod.Norm, request.K, norm!.Scores(), groups),
        RankingMethod.FastV => ImageSelection.FastV(request.K, fastV!.Scores(), request.FastVLayer, layers, groups),
        _ => ImageSelection.Random(request.K, layers, groups, request.Seed),
    };
}
