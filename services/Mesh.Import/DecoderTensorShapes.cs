using Mesh.Core.Loading;

namespace Mesh.Import;

/// <summary>
/// The parameters a <see cref="Nn.LlamaForCausalLM"/> of a given config holds, by Hugging Face name and shape,
/// without building the model (a 7B decoder would need its full memory just to list its names).
/// A test keeps this table equal to the module's own <c>named_parameters()</c>.
/// </summary>
public static class DecoderTensorShapes
{
    public static IReadOnlyList<(string Name, long[] Shape)> For(TextConfig c)
    {
        long h = c.HiddenSize, q = (long)c.NumAttentionHeads * c.HeadDim, kv = (long)c.NumKeyValueHeads * c.HeadDim, mlp = c.IntermediateSize;
        var shapes = new List<(string, long[])> { ("model.embed_tokens.weight", [c.VocabSize, h]) };
        for (int i = 0; i < c.NumHiddenLayers; i++)
        {
            string layer = $"model.layers.{i}.";
            void Linear(string name, long outputs, long inputs, bool bias)
            {
                shapes.Add((layer + name + ".weight", [outputs, inputs]));
                if (bias) shapes.Add((layer + name + ".bias", [outputs]));
            }
            Linear("self_attn.q_proj", q, h, c.QkvBias);
            Linear("self_attn.k_proj", kv, h, c.QkvBias);
            Linear("self_attn.v_proj", kv, h, c.QkvBias);
            Linear("self_attn.o_proj", h, q, c.OutputBias);
            Linear("mlp.gate_proj", mlp, h, c.MlpBias);
            Linear("mlp.up_proj", mlp, h, c.MlpBias);
            Linear("mlp.down_proj", h, mlp, c.MlpBias);
            shapes.Add((layer + "input_layernorm.weight", [h]));
            shapes.Add((layer + "post_attention_layernorm.weight", [h]));
        }
        shapes.Add(("model.norm.weight", [h]));
        if (!c.TieWordEmbeddings) shapes.Add(("lm_head.weight", [c.VocabSize, h]));
        return shapes;
    }
}
