using Mesh.Import;
using Mesh.Core.Loading;
using Mesh.Core.Nn;
using static TorchSharp.torch;

namespace Mesh.Import.Tests;

/// <summary>The decoder's name/shape table stays equal to what <see cref="LlamaForCausalLM"/> really holds.</summary>
public sealed class DecoderTensorShapesTests
{
    static readonly TextConfig Fixture = ModelConfig.Load(TestPaths.TinyLlava).Text;

    public static TheoryData<string> Variants => ["fixture", "untied", "qwen2 qkv bias", "llama attention and mlp bias"];

    static TextConfig Variant(string name) => name switch
    {
        "untied" => Fixture with { TieWordEmbeddings = false },
        "qwen2 qkv bias" => Fixture with { ModelType = "qwen2", QkvBias = true },
        "llama attention and mlp bias" => Fixture with { QkvBias = true, OutputBias = true, MlpBias = true, HeadDim = 8 },
        _ => Fixture,
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void TableEqualsTheModulesParameters(string variant)
    {
        var config = Variant(variant);
        using var model = new LlamaForCausalLM(config, float32, CPU);
        var expected = model.named_parameters().Select(p => $"{p.name} [{string.Join(", ", p.parameter.shape)}]").Order();
        var table = DecoderTensorShapes.For(config).Select(t => $"{t.Name} [{string.Join(", ", t.Shape)}]").Order();
        Assert.Equal(expected, table);
    }
}
