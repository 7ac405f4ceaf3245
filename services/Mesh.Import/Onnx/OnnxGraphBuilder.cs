using Onnx;
using static TorchSharp.torch;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Mesh.Import.Onnx;

/// <summary>
/// Builds an ONNX graph over the generated schema types: named inputs and outputs, initializers, shared
/// constants and nodes whose outputs get unique names under the current <see cref="Scope"/>.
/// Activations and float constants use one element type, <see cref="Compute"/>.
/// </summary>
public sealed class OnnxGraphBuilder(string graphName, DataType compute)
{
    readonly GraphProto _graph = new() { Name = graphName };
    readonly HashSet<string> _names = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> _constants = new(StringComparer.Ordinal);
    int _counter;

    /// <summary>Element type of activations, weights and float constants (FLOAT or FLOAT16).</summary>
    public DataType Compute { get; } = compute;

    /// <summary>Prefix of generated value names, for readable graphs (e.g. the module path).</summary>
    public string Scope { get; set; } = "";

    public GraphProto Graph => _graph;

    /// <summary>A graph input [<paramref name="batchParam"/>, ...<paramref name="dims"/>] with a symbolic first axis.</summary>
    public string Input(string name, DataType type, string batchParam, params long[] dims)
    {
        _graph.Input.Add(ValueInfo(Claim(name), type, batchParam, dims));
        return name;
    }

    /// <summary>Declares the existing value <paramref name="name"/> a graph output.</summary>
    public void Output(string name, DataType type, string batchParam, params long[] dims) =>
        _graph.Output.Add(ValueInfo(name, type, batchParam, dims));

    /// <summary>An initializer named <paramref name="name"/> holding <paramref name="value"/> in <see cref="Compute"/>.</summary>
    public string Initializer(string name, Tensor value)
    {
        _graph.Initializer.Add(OnnxTensors.FromTorch(Claim(name), value, Compute));
        return name;
    }

    /// <summary>A shared scalar constant in <see cref="Compute"/>.</summary>
    public string Scalar(float value) =>
        Constant($"scalar:{value:R}", name => OnnxTensors.Scalar(name, value, Compute));

    /// <summary>A shared 1-D INT64 constant (shapes, axes, bounds).</summary>
    public string Int64s(params long[] values) =>
        Constant($"int64:{string.Join(",", values)}", name => OnnxTensors.Int64s(name, values));

    /// <summary>Adds a node and returns its (single) output: <paramref name="output"/>, or a fresh name.</summary>
    public string Node(string op, IEnumerable<string> inputs, string? output = null, params AttributeProto[] attributes)
    {
        string result = Claim(output ?? Fresh(op));
        var node = new NodeProto { OpType = op, Name = $"{result}:{op}" };
        node.Input.AddRange(inputs);
        node.Output.Add(result);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return result;
    }

    string Constant(string key, Func<string, TensorProto> create)
    {
        if (_constants.TryGetValue(key, out var existing)) return existing;
        string name = Claim($"const_{_constants.Count}");
        _graph.Initializer.Add(create(name));
        _constants[key] = name;
        return name;
    }

    string Fresh(string op) => Scope.Length == 0 ? $"{op}_{_counter++}" : $"{Scope}/{op}_{_counter++}";

    string Claim(string name) =>
        _names.Add(name) ? name : throw new InvalidOperationException($"ONNX graph '{_graph.Name}' already has a value named '{name}'");

    static ValueInfoProto ValueInfo(string name, DataType type, string batchParam, long[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = batchParam });
        foreach (long dim in dims) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dim });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
