using Mesh.Core.Vision.Clip;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Mesh.Import.Onnx;

/// <summary>
/// Writes <c>vision.onnx</c> (docs/design.md section 3) from a loaded <see cref="LlavaImageEncoder"/>: opset 17, IR 8,
/// input <c>pixel_values</c> [batch, 3, S, S] and outputs <c>image_features</c> [batch, N, d_model] and
/// <c>vision_feature</c> [batch, N, d_vision], all float32 with a symbolic batch axis. Initializers carry the
/// Hugging Face parameter names; only the layers up to the selected hidden state are written.
/// </summary>
public static class VisionOnnxEmitter
{
    public const string InputName = "pixel_values";
    public const string ImageFeaturesName = "image_features";
    public const string VisionFeatureName = "vision_feature";
    public const string BatchAxis = "batch";
    public const int Opset = 17;
    public const long IrVersion = 8;

    /// <summary>The graph as an ONNX model message.</summary>
    public static ModelProto Emit(LlavaImageEncoder encoder, VisionOnnxOptions? options = null)
    {
        options ??= new VisionOnnxOptions();
        var compute = options.Precision == OnnxPrecision.F16 ? DataType.Float16 : DataType.Float;
        var graph = new LlavaVisionGraph(encoder, compute).Build(BatchAxis).Graph;
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "mesh",
            ProducerVersion = typeof(VisionOnnxEmitter).Assembly.GetName().Version?.ToString() ?? "",
            DocString = "LLaVA vision tower (CLIP ViT) and multi-modal projector, written by Mesh",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "mesh.vision_feature_layers", Value = encoder.Selection.Layers.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "mesh.drop_class_token", Value = encoder.Selection.DropClassToken ? "true" : "false" });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "mesh.precision", Value = options.Precision.ToString() });
        return model;
    }

    /// <summary>Emits and writes the graph to <paramref name="path"/> (with a .data file beside it for large towers).</summary>
    public static OnnxWriteResult Write(LlavaImageEncoder encoder, string path, VisionOnnxOptions? options = null)
    {
        options ??= new VisionOnnxOptions();
        return OnnxModelWriter.Write(Emit(encoder, options), path, options.InlineLimitBytes);
    }
}
