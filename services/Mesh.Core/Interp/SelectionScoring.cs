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
        request.Validate(layerCount);
        if (groups.IsEmptyInPrompt(TokenGroup.Image)) throw new ArgumentException("image-token selection needs a prompt with an image");
        (this.request, this.groups, layers) = (request, groups, layerCount);
        switch (request.Method)
        {
            case SelectionMethod.Attention: attention = new AttentionScorer(groups, layerCount); break;
            case SelectionMethod.Norm: norm = new NormScorer(groups, layerCount, inputsEmbeds); break;
            case SelectionMethod.FastV: fastV = new FastVScorer(groups, request.FastVLayer); break;
        }
    }

    /// <summary>The hooks that gather scores (null for the random baseline).</summary>
    public IForwardHooks? Hooks => (IForwardHooks?)attention ?? (IForwardHooks?)norm ?? fastV;

    /// <summary>The kept image tokens per layer from what was scored so far.</summary>
    public ImageSelection Select() => request.Method switch
    {
        SelectionMethod.Attention => ImageSelection.TopK(SelectionMethod.Attention, request.K, attention!.Scores(), groups),
        SelectionMethod.Norm => ImageSelection.TopK(SelectionMethod.Norm, request.K, norm!.Scores(), groups),
        SelectionMethod.FastV => ImageSelection.FastV(request.K, fastV!.Scores(), request.FastVLayer, layers, groups),
        _ => ImageSelection.Random(request.K, layers, groups, request.Seed),
    };
}
