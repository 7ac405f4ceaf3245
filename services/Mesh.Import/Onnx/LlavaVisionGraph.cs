using Mesh.Core.Vision.Clip;
using static Mesh.Import.Onnx.OnnxAttributes;
using static TorchSharp.torch;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Mesh.Import.Onnx;

/// <summary>
/// The ONNX graph of a <see cref="LlavaImageEncoder"/>, op for op as its TorchSharp forward: patch Conv, class
/// and position embeddings, pre_layrnorm, the encoder layers up to the selected hidden state, the feature
/// selection and the projector. Linear weights stay in Hugging Face's [out, in] layout under their names
/// and are transposed by a node (constant-folded by ONNX Runtime).
/// </summary>
internal sealed class LlavaVisionGraph
{
    const string Tower = "vision_tower.vision_model.";
    readonly OnnxGraphBuilder g;
    readonly LlavaImageEncoder encoder;
    readonly Dictionary<string, Tensor> parameters;
    readonly HashSet<string> emitted = new(StringComparer.Ordinal);

    public LlavaVisionGraph(LlavaImageEncoder encoder, DataType compute)
    {
        this.encoder = encoder;
        parameters = encoder.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter, StringComparer.Ordinal);
        g = new OnnxGraphBuilder("llava_vision", compute);
    }

    public OnnxGraphBuilder Build(string batch)
    {
        var vision = encoder.Vision;
        var selection = encoder.Selection;
        string pixels = g.Input(VisionOnnxEmitter.InputName, DataType.Float, batch, vision.NumChannels, vision.ImageSize, vision.ImageSize);
        string x = g.Compute == DataType.Float ? pixels : g.Node("Cast", [pixels], attributes: Int("to", (long)g.Compute));
        x = LayerNorm(Tower + "pre_layrnorm", Embeddings(x, pixels));                       // [B, 1+P, Dv]
        for (int i = 0; i < selection.Layers; i++)
            x = new ClipLayerGraph(g, Parameter, vision, $"{Tower}encoder.layers.{i}.").Build(x);
        g.Scope = "selection";
        string feature = selection.DropClassToken
            ? g.Node("Slice", [x, g.Int64s(1), g.Int64s(long.MaxValue), g.Int64s(1)])      // [B, P, Dv]
            : x;
        string features = Projector(feature);                                             // [B, tokens, Dt]
        Finish(feature, VisionOnnxEmitter.VisionFeatureName, batch, selection.Tokens, vision.HiddenSize);
        Finish(features, VisionOnnxEmitter.ImageFeaturesName, batch, selection.Tokens, encoder.TextHidden);
        return g;
    }

    /// <summary>pixels [B, C, S, S] -> [B, 1+P, Dv]: CLS, then the patches row by row, plus positions.</summary>
    string Embeddings(string x, string pixels)
    {
        g.Scope = Tower + "embeddings";
        long patch = encoder.Vision.PatchSize, hidden = encoder.Vision.HiddenSize;
        var patches = g.Node("Conv", [x, Parameter(Tower + "embeddings.patch_embedding.weight")], null,
            Ints("kernel_shape", patch, patch), Ints("strides", patch, patch));             // [B, Dv, g, g]
        patches = g.Node("Reshape", [patches, g.Int64s(0, hidden, -1)]);                   // [B, Dv, P]
        patches = g.Node("Transpose", [patches], null, Ints("perm", 0, 2, 1));             // [B, P, Dv]
        var batch = g.Node("Shape", [pixels], null, Int("start", 0), Int("end", 1));        // [1] = (B)
        var clsShape = g.Node("Concat", [batch, g.Int64s(1, hidden)], null, Int("axis", 0)); // (B, 1, Dv)
        var cls = g.Node("Expand", [Parameter(Tower + "embeddings.class_embedding"), clsShape]); // [B, 1, Dv]
        var tokens = g.Node("Concat", [cls, patches], null, Int("axis", 1));               // [B, 1+P, Dv]
        return g.Node("Add", [tokens, Parameter(Tower + "embeddings.position_embedding.weight")]);
    }

    string LayerNorm(string prefix, string x) =>
        ClipLayerGraph.LayerNorm(g, Parameter, prefix, x, encoder.Vision.LayerNormEps);

    /// <summary>[B, tokens, Dv] -> [B, tokens, Dt].</summary>
    string Projector(string x)
    {
        g.Scope = "multi_modal_projector";
        var hidden = ClipLayerGraph.Linear(g, Parameter, "multi_modal_projector.linear_1", x);
        hidden = ClipLayerGraph.Activation(g, encoder.multi_modal_projector.Activation, hidden);
        return ClipLayerGraph.Linear(g, Parameter, "multi_modal_projector.linear_2", hidden);
    }

    /// <summary>Names <paramref name="value"/> as graph output <paramref name="name"/> [batch, tokens, width], float32.</summary>
    void Finish(string value, string name, string batch, long tokens, long width)
    {
        g.Scope = "";
        if (g.Compute == DataType.Float) g.Node("Identity", [value], name);
        else g.Node("Cast", [value], name, Int("to", (long)DataType.Float));
        g.Output(name, DataType.Float, batch, tokens, width);
    }

    /// <summary>The initializer of parameter <paramref name="name"/>, added on first use.</summary>
    string Parameter(string name)
    {
        if (!parameters.TryGetValue(name, out var value))
            throw new InvalidOperationException($"the vision model has no parameter '{name}'");
        return emitted.Add(name) ? g.Initializer(name, value) : name;
    }
}
