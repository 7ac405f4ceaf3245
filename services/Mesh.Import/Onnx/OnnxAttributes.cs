using Onnx;
using AttributeType = Onnx.AttributeProto.Types.AttributeType;

namespace Mesh.Import.Onnx;

/// <summary>Node attributes for <see cref="OnnxGraphBuilder.Node"/>.</summary>
public static class OnnxAttributes
{
    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeType.Float, F = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }
}
