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
    readonly OnnxGraphBuilder _g;
    readonly LlavaImageEncoder _encoder;
    readonly Dictionary<string, Tensor> _parameters;
    readonly HashSet<string> _emitted = new(StringComparer.Ordinal);

    public LlavaVisionGraph(LlavaImageEncoder encoder, DataType compute)
    {
        _encoder = encoder;
        _parameters = encoder.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter, StringComparer.Ordinal);
        _g = new OnnxGraphBuilder("llava_vision", compute);
    }

    public OnnxGraphBuilder Build(string batch)
    {
        var vision = _encoder.Vision;
        var selection = _encoder.Selection;
        string pixels = _g.Input(VisionOnnxEmitter.InputName, DataType.Float, batch, vision.NumChannels, vision.ImageSize, vision.ImageSize);
        string x = _g.Compute == DataType.Float ? pixels : _g.Node("Cast", [pixels], attributes: Int("to", (long)_g.Compute));
        x = LayerNorm(Tower + "pre_layrnorm", Embeddings(x, pixels));                       // [B, 1+P, Dv]
        for (int i = 0; i < selection.Layers; i++)
            x = new ClipLayerGraph(_g, Parameter, vision, $"{Tower}encoder.layers.{i}.").Build(x);
        _g.Scope = "selection";
        string feature = selection.DropClassToken
            ? _g.Node("Slice", [x, _g.Int64s(1), _g.Int64s(long.MaxValue), _g.Int64s(1)])      // [B, P, Dv]
            : x;
        string features = Projector(feature);                                             // [B, tokens, Dt]
        Finish(feature, VisionOnnxEmitter.VisionFeatureName, batch, selection.Tokens, vision.HiddenSize);
        Finish(features, VisionOnnxEmitter.ImageFeaturesName, batch, selection.Tokens, _encoder.TextHidden);
        return _g;
    }

    /// <summary>pixels [B, C, S, S] -> [B, 1+P, Dv]: CLS, then the patches row by row, plus positions.</summary>
    string Embeddings(string x, string pixels)
    {
        _g.Scope = Tower + "embeddings";
        long patch = _encoder.Vision.PatchSize, hidden = _encoder.Vision.HiddenSize;
        var patches = _g.Node("Conv", [x, Parameter(Tower + "embeddings.patch_embedding.weight")], null,
            Ints("kernel_shape", patch, patch), Ints("strides", patch, patch));             // [B, Dv, g, g]
        patches = _g.Node("Reshape", [patches, _g.Int64s(0, hidden, -1)]);                   // [B, Dv, P]
        patches = _g.Node("Transpose", [patches], null, Ints("perm", 0, 2, 1));             // [B, P, Dv]
        var batch = _g.Node("Shape", [pixels], null, Int("start", 0), Int("end", 1));        // [1] = (B)
        var clsShape = _g.Node("Concat", [batch, _g.Int64s(1, hidden)], null, Int("axis", 0)); // (B, 1, Dv)
        var cls = _g.Node("Expand", [Parameter(Tower + "embeddings.class_embedding"), clsShape]); // [B, 1, Dv]
        var tokens = _g.Node("Concat", [cls, patches], null, Int("axis", 1));               // [B, 1+P, Dv]
        return _g.Node("Add", [tokens, Parameter(Tower + "embeddings.position_embedding.weight")]);
    }

    string LayerNorm(string prefix, string x) =>
        ClipLayerGraph.LayerNorm(_g, Parameter, prefix, x, _encoder.Vision.LayerNormEps);

    /// <summary>[B, tokens, Dv] -> [B, tokens, Dt].</summary>
    string Projector(string x)
    {
        _g.Scope = "multi_modal_projector";
        var hidden = ClipLayerGraph.Linear(_g, Parameter, "multi_modal_projector.linear_1", x);
        hidden = ClipLayerGraph.Activation(_g, _encoder.multi_modal_projector.Activation, hidden);
        return ClipLayerGraph.Linear(_g, Parameter, "multi_modal_projector.linear_2", hidden);
    }

    /// <summary>Names <paramref name="value"/> as graph output <paramref name="name"/> [batch, tokens, width], float32.</summary>
    void Finish(string value, string name, string batch, long tokens, long width)
    {
        _g.Scope = "";
        if (_g.Compute == DataType.Float) _g.Node("Identity", [value], name);
        else _g.Node("Cast", [value], name, Int("to", (long)DataType.Float));
        _g.Output(name, DataType.Float, batch, tokens, width);
    }

    /// <summary>The initializer of parameter <paramref name="name"/>, added on first use.</summary>
    string Parameter(string name)
    {
        if (!_parameters.TryGetValue(name, out var value))
            throw new InvalidOperationException($"the vision model has no parameter '{name}'");
        return _emitted.Add(name) ? _g.Initializer(name, value) : name;
    }
}
