using Mesh.Core.Loading;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mesh.Core.Vision.Clip;

/// <summary>Pre-norm CLIP block: <c>h = x + attn(ln1(x)); out = h + mlp(ln2(h))</c>.</summary>
public sealed class ClipEncoderLayer : nn.Module<Tensor, Tensor>
{
    public readonly LayerNorm layer_norm1, layer_norm2;
    public readonly ClipAttention self_attn;
    public readonly ClipMlp mlp;

    public ClipEncoderLayer(VisionConfig config, ScalarType dtype) : base(nameof(ClipEncoderLayer))
    {
        layer_norm1 = nn.LayerNorm(config.HiddenSize, config.LayerNormEps, dtype: dtype);
        self_attn = new ClipAttention(config, dtype);
        layer_norm2 = nn.LayerNorm(config.HiddenSize, config.LayerNormEps, dtype: dtype);
        mlp = new ClipMlp(config, dtype);
        RegisterComponents();
    }

    /// <summary>x [B, T, hidden] -> [B, T, hidden].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = x.add(self_attn.forward(layer_norm1.forward(x)), Nn.Scalars.One);
        var output = h.add(mlp.forward(layer_norm2.forward(h)), Nn.Scalars.One);
        return output.MoveToOuterDisposeScope();
    }
}
