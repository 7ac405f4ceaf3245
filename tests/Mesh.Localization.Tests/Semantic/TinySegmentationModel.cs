using Mesh.Import.Onnx;
using Onnx;
using static TorchSharp.torch;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Mesh.Localization.Tests.Semantic;

/// <summary>
/// A tiny semantic-segmentation model the tests build with Mesh.Import's ONNX writer: one 1x1 convolution from RGB in
/// [0, 1] to three class logits (background, red, blue), so that pure red pixels score "red", pure blue ones "blue"
/// and black ones "background". Input [batch, 3, size, size], or any height and width when size is null.
/// </summary>
public static class TinySegmentationModel
{
    public static readonly string[] Labels = ["background", "red", "blue"];

    public static string Write(string directory, int? size)
    {
        var graph = new OnnxGraphBuilder("tiny-segmentation", DataType.Float);
        long side = size ?? 1;
        string input = graph.Input("pixel_values", DataType.Float, "batch", 3, side, side);
        using var weight = tensor(new float[] { 0, 0, 0, 4, -4, -4, -4, -2, 6 }).reshape(3, 3, 1, 1); // [classes, rgb, 1, 1]
        using var bias = tensor(new float[] { 0, -1, -1 });
        string logits = graph.Node("Conv", [input, graph.Initializer("weight", weight), graph.Initializer("bias", bias)], "logits");
        graph.Output(logits, DataType.Float, "batch", 3, side, side);
        if (size is null)
            foreach (var value in graph.Graph.Input.Concat(graph.Graph.Output))
            {
                value.Type.TensorType.Shape.Dim[2] = new TensorShapeProto.Types.Dimension { DimParam = "height" };
                value.Type.TensorType.Shape.Dim[3] = new TensorShapeProto.Types.Dimension { DimParam = "width" };
            }
        var model = new ModelProto { IrVersion = 8, ProducerName = "mesh-tests", Graph = graph.Graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        string path = Path.Combine(directory, size is null ? "tiny-any-size.onnx" : $"tiny-{size}.onnx");
        OnnxModelWriter.Write(model, path);
        return path;
    }
}
