using Mesh.Core.Decoding;
using static TorchSharp.torch;

namespace Mesh.Core.Interp;

/// <summary>
/// The scorer a <see cref="SelectionRequest"/> needs during a pass, and the selection it yields afterwards
/// (after the prefill for norm and FastV, after the whole pass for attention).
/// </summary>
public sealed class SelectionScoring
{
    readonly SelectionRequest _request;
    readonly TokenGroups _groups;
    readonly int _layers;
    readonly AttentionScorer? _attention;
    readonly NormScorer? _norm;
    readonly FastVScorer? _fastV;

    public SelectionScoring(SelectionRequest request, TokenGroups groups, int layerCount, Tensor inputsEmbeds)
    {
        (_request, _groups, _layers) = (request, groups, layerCount);
        switch (request.Method)
        {
            case RankingMethod.Attention: _attention = new AttentionScorer(groups, layerCount); break;
            case RankingMethod.Norm: _norm = new NormScorer(groups, layerCount, inputsEmbeds); break;
            case RankingMethod.FastV: _fastV = new FastVScorer(groups, request.FastVLayer); break;
        }
    }

    /// <summary>The hooks that gather scores (null for the random baseline).</summary>
    public IForwardHooks? Hooks => (IForwardHooks?)_attention ?? (IForwardHooks?)_norm ?? _fastV;

    /// <summary>The kept image tokens per layer from what was scored so far.</summary>
    public ImageSelection Select() => _request.Method switch
    {
        RankingMethod.Attention => ImageSelection.TopK(RankingMethod.Attention, _request.K, _attention!.Scores(), _groups),
        RankingMethod.Norm => ImageSelection.TopK(RankingMethod.Norm, _request.K, _norm!.Scores(), _groups),
        RankingMethod.FastV => ImageSelection.FastV(_request.K, _fastV!.Scores(), _request.FastVLayer, _layers, _groups),
        _ => ImageSelection.Random(_request.K, _layers, _groups, _request.Seed),
    };
}
