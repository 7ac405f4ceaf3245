using Mesh.Core.Decoding;
using TorchSharp;
using static TorchSharp.torch;

namespace Mesh.Core.Nn;

/// <summary>Pre-norm transformer block: <c>h = x + attn(norm(x)); out = h + mlp(norm(h))</c>.</summary>
public sealed class LlamaDecoderLayer : nn.Module
{
    public readonly LlamaAttention self_attn;
    public readonly SwiGluMlp mlp;
    public readonly RmsNorm input_layernorm, post_attention_layernorm;

    public LlamaDecoderLayer(Loading.TextConfig config, ScalarType dtype) : base(nameof(LlamaDecoderLayer))
    {
        self_attn = new LlamaAttention(config, dtype);
        mlp = new SwiGluMlp(config.HiddenSize, config.IntermediateSize, config.MlpBias, dtype);
        input_layernorm = new RmsNorm(config.HiddenSize, config.RmsNormEps, dtype);
        post_attention_layernorm = new RmsNorm(config.HiddenSize, config.RmsNormEps, dtype);
        RegisterComponents();
    }

    /// <summary>x [1, T, hidden] -> [1, T, hidden].</summary>
    public Tensor Forward(Tensor x, int layer, ForwardContext ctx)
    {
        using var scope = NewDisposeScope();
        var attended = self_attn.Forward(input_layernorm.forward(x), layer, ctx);
        var h = x.add(attended, Scalars.One);
        var output = h.add(mlp.forward(post_attention_layernorm.forward(h)), Scalars.One);
        return output.MoveToOuterDisposeScope();
    }

    /// <summary>Training forward over packed sequences: x [N, hidden] -> [N, hidden] (see <see cref="LlamaAttention.ForwardPacked"/>).</summary>
    public Tensor ForwardPacked(Tensor x, Tensor cos, Tensor sin, PackedSequences packing)
    {
        using var scope = NewDisposeScope();
        var h = x.add(self_attn.ForwardPacked(input_layernorm.forward(x), cos, sin, packing), Scalars.One);
        var output = h.add(mlp.forward(post_attention_layernorm.forward(h)), Scalars.One);
        return output.MoveToOuterDisposeScope();
    }
}
