using Mesh.Core.Loading;
using Mesh.Core.Vision.Clip;
using static Mesh.Import.Onnx.OnnxAttributes;

namespace Mesh.Import.Onnx;

/// <summary>
/// One CLIP encoder layer as ONNX nodes (<c>h = x + attn(ln1(x)); out = h + mlp(ln2(h))</c>), and the linear,
/// layer-norm and activation pieces the projector shares. <c>parameter</c> maps a Hugging Face name to its initializer.
/// </summary>
internal sealed class ClipLayerGraph(OnnxGraphBuilder g, Func<string, string> parameter, VisionConfig config, string prefix)
{
    /// <summary>x [B, T, Dv] -> [B, T, Dv].</summary>
    public string Build(string x)
    {
        g.Scope = prefix.TrimEnd('.');
        var h = g.Node("Add", [x, Attention(LayerNorm(g, parameter, prefix + "layer_norm1", x, config.LayerNormEps))]);
        var mlp = Linear(g, parameter, prefix + "mlp.fc1", LayerNorm(g, parameter, prefix + "layer_norm2", h, config.LayerNormEps));
        mlp = Linear(g, parameter, prefix + "mlp.fc2", Activation(g, config.HiddenAct, mlp));
        return g.Node("Add", [h, mlp]);
    }

    /// <summary>x [B, T, Dv] -> [B, T, Dv]; queries scaled by 1/sqrt(head_dim) before Q K^T, as the TorchSharp tower.</summary>
    string Attention(string x)
    {
        string p = prefix + "self_attn.";
        long heads = config.NumAttentionHeads, headDim = config.HiddenSize / heads;
        var scaled = g.Node("Mul", [Linear(g, parameter, p + "q_proj", x), g.Scalar((float)Math.Pow(headDim, -0.5))]);
        var q = Heads(scaled, heads, headDim, 0, 2, 1, 3);                                  // [B, H, T, Dh]
        var kT = Heads(Linear(g, parameter, p + "k_proj", x), heads, headDim, 0, 2, 3, 1);  // [B, H, Dh, T]
        var v = Heads(Linear(g, parameter, p + "v_proj", x), heads, headDim, 0, 2, 1, 3);   // [B, H, T, Dh]
        var probabilities = g.Node("Softmax", [g.Node("MatMul", [q, kT])], null, Int("axis", -1)); // [B, H, T, T]
        var attended = g.Node("Transpose", [g.Node("MatMul", [probabilities, v])], null, Ints("perm", 0, 2, 1, 3)); // [B, T, H, Dh]
        attended = g.Node("Reshape", [attended, g.Int64s(0, 0, heads * headDim)]);          // [B, T, Dv]
        return Linear(g, parameter, p + "out_proj", attended);
    }

    /// <summary>[B, T, H*Dh] -> [B, T, H, Dh], then permuted by <paramref name="perm"/>.</summary>
    string Heads(string x, long heads, long headDim, params long[] perm) =>
        g.Node("Transpose", [g.Node("Reshape", [x, g.Int64s(0, 0, heads, headDim)])], null, Ints("perm", perm));

    /// <summary>x [..., in] -> x W^T + b [..., out], with W stored [out, in].</summary>
    public static string Linear(OnnxGraphBuilder g, Func<string, string> parameter, string name, string x)
    {
        var weightT = g.Node("Transpose", [parameter(name + ".weight")], null, Ints("perm", 1, 0)); // [in, out]
        return g.Node("Add", [g.Node("MatMul", [x, weightT]), parameter(name + ".bias")]);
    }

    public static string LayerNorm(OnnxGraphBuilder g, Func<string, string> parameter, string name, string x, double eps) =>
        g.Node("LayerNormalization", [x, parameter(name + ".weight"), parameter(name + ".bias")], null,
            Int("axis", -1), Float("epsilon", (float)eps));

    /// <summary>The formulas of <see cref="ClipActivations"/>.</summary>
    public static string Activation(OnnxGraphBuilder g, string name, string x) => name switch
    {
        ClipActivations.QuickGelu => g.Node("Mul", [x, g.Node("Sigmoid", [g.Node("Mul", [x, g.Scalar((float)ClipActivations.QuickGeluScale)])])]),
        ClipActivations.Gelu => g.Node("Mul", [
            g.Node("Mul", [x, g.Scalar(0.5f)]),
            g.Node("Add", [g.Node("Erf", [g.Node("Mul", [x, g.Scalar((float)(1 / Math.Sqrt(2)))])]), g.Scalar(1f)])]),
        _ => throw new ModelConfigException($"activation '{name}' is not supported; supported: {string.Join(", ", ClipActivations.Supported)}"),
    };
}
