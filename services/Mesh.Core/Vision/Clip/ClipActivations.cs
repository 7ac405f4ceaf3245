using Mesh.Core.Loading;
using TorchSharp;
using static TorchSharp.torch;

namespace Mesh.Core.Vision.Clip;

/// <summary>
/// The activations a LLaVA vision stack uses, named as Hugging Face configs name them
/// (<c>vision_config.hidden_act</c>, <c>projector_hidden_act</c>). The ONNX emitter writes the same formulas.
/// </summary>
public static class ClipActivations
{
    /// <summary>CLIP's <c>x * sigmoid(1.702 x)</c>.</summary>
    public const string QuickGelu = "quick_gelu";

    /// <summary>Exact GELU, <c>0.5 x (1 + erf(x / sqrt 2))</c> (torch's default).</summary>
    public const string Gelu = "gelu";

    /// <summary>The constant of <see cref="QuickGelu"/>.</summary>
    public const double QuickGeluScale = 1.702;
    static readonly Scalar QuickGeluScalar = QuickGeluScale;   // see Nn.Scalars: libtorch reads it during the call

    public static IReadOnlyList<string> Supported { get; } = [QuickGelu, Gelu];

    /// <summary>Throws when <paramref name="name"/> (the value of config key <paramref name="key"/>) is not supported.</summary>
    public static void Validate(string name, string key)
    {
        if (!Supported.Contains(name))
            throw new ModelConfigException($"{key} '{name}' is not supported; supported: {string.Join(", ", Supported)}");
    }

    public static Tensor Apply(string name, Tensor x) => name switch
    {
        QuickGelu => x * sigmoid(x * QuickGeluScalar),
        Gelu => nn.functional.gelu(x),
        _ => throw new ModelConfigException($"activation '{name}' is not supported; supported: {string.Join(", ", Supported)}"),
    };
}
