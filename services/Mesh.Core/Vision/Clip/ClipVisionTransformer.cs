using Mesh.Core.Loading;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mesh.Core.Vision.Clip;

/// <summary>
/// The CLIP ViT trunk (transformers' <c>CLIPVisionTransformer</c>): embeddings, <c>pre_layrnorm</c>, the
/// encoder layers and <c>post_layernorm</c>. LLaVA reads an encoder hidden state, so <c>post_layernorm</c>
/// is kept for the checkpoint's sake but applied only by <see cref="PooledOutput"/>.
/// </summary>
public sealed class ClipVisionTransformer : nn.Module
{
    public readonly ClipEmbeddings embeddings;
    public readonly LayerNorm pre_layrnorm, post_layernorm;
    public readonly ClipEncoder encoder;

    public ClipVisionTransformer(VisionConfig config, ScalarType dtype) : base(nameof(ClipVisionTransformer))
    {
        embeddings = new ClipEmbeddings(config, dtype);
        pre_layrnorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps, dtype: dtype);
        encoder = new ClipEncoder(config, dtype);
        post_layernorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps, dtype: dtype);
        RegisterComponents();
    }

    /// <summary>
    /// pixel_values [B, C, S, S] -> transformers' <c>hidden_states</c> up to <paramref name="layers"/> encoder
    /// layers: entry 0 is <c>pre_layrnorm(embeddings)</c>, entry i the output of layer i-1; each [B, 1 + patches, hidden].
    /// </summary>
    public IReadOnlyList<Tensor> HiddenStates(Tensor pixelValues, int layers)
    {
        if (layers < 0 || layers > encoder.layers.Count)
            throw new ArgumentOutOfRangeException(nameof(layers), layers, $"the tower has {encoder.layers.Count} encoder layers");
        using var scope = NewDisposeScope();
        var states = new List<Tensor>(layers + 1) { pre_layrnorm.forward(embeddings.forward(pixelValues)) };
        for (int i = 0; i < layers; i++)
            states.Add(encoder.layers[i].forward(states[^1]));
        foreach (var state in states) state.MoveToOuterDisposeScope();
        return states;
    }

    /// <summary>CLIP's pooled output: <c>post_layernorm</c> of the CLS row of the last layer, [B, hidden].</summary>
    public Tensor PooledOutput(Tensor pixelValues)
    {
        using var scope = NewDisposeScope();
        var last = HiddenStates(pixelValues, encoder.layers.Count)[^1];       // [B, 1+P, D]
        return post_layernorm.forward(last.select(1, 0)).MoveToOuterDisposeScope(); // [B, D]
    }
}

/// <summary>The encoder's layer list (<c>encoder.layers.{i}</c>).</summary>
public sealed class ClipEncoder : nn.Module
{
    public readonly ModuleList<ClipEncoderLayer> layers;

    public ClipEncoder(VisionConfig config, ScalarType dtype) : base(nameof(ClipEncoder))
    {
        layers = nn.ModuleList(Enumerable.Range(0, config.NumHiddenLayers).Select(_ => new ClipEncoderLayer(config, dtype)).ToArray());
        RegisterComponents();
    }
}
