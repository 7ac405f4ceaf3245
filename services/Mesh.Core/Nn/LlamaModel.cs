using Mesh.Core.Decoding;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mesh.Core.Nn;

/// <summary>The LLaMA trunk: token embeddings, decoder layers and the final RMSNorm.</summary>
public sealed class LlamaModel : nn.Module
{
    public readonly Embedding embed_tokens;
    public readonly ModuleList<LlamaDecoderLayer> layers;
    public readonly RmsNorm norm;

    public LlamaModel(Loading.TextConfig config, ScalarType dtype) : base(nameof(LlamaModel))
    {
        embed_tokens = nn.Embedding(config.VocabSize, config.HiddenSize, dtype: dtype);
        layers = nn.ModuleList(Enumerable.Range(0, config.NumHiddenLayers)
            .Select(_ => new LlamaDecoderLayer(config, dtype)).ToArray());
        norm = new RmsNorm(config.HiddenSize, config.RmsNormEps, dtype);
        RegisterComponents();
    }

    /// <summary>inputs_embeds [1, T, hidden] -> final-normed hidden states [1, T, hidden].</summary>
    public Tensor Forward(Tensor inputsEmbeds, ForwardContext ctx)
    {
        using var scope = NewDisposeScope();
        var h = inputsEmbeds;
        for (int i = 0; i < layers.Count; i++)
        {
            h = layers[i].Forward(h, i, ctx);
            ctx.Hooks?.OnLayerOutput(i, ctx.Phase, h);
        }
        var normed = norm.forward(h);
        ctx.Hooks?.OnFinalHidden(ctx.Phase, normed);
        return normed.MoveToOuterDisposeScope();
    }

    /// <summary>Training forward, no cache and no hooks: packed inputs_embeds [N, hidden] -> final-normed hidden states [N, hidden].</summary>
    public Tensor ForwardPacked(Tensor inputsEmbeds, Tensor cos, Tensor sin, PackedSequences packing)
    {
        using var scope = NewDisposeScope();
        var h = inputsEmbeds;
        foreach (var layer in layers)
            h = layer.ForwardPacked(h, cos, sin, packing);
        return norm.forward(h).MoveToOuterDisposeScope();
    }
}
