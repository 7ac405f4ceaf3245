namespace Mesh.Core.Loading;

/// <summary>
/// The decoder half of a model: a LLaMA-family causal LM (<c>llama</c>, <c>qwen2</c>). Values follow the
/// Hugging Face config of the same model type, with that type's defaults where a key is missing.
/// </summary>
public sealed record TextConfig
{
    public required string ModelType { get; init; }
    public required int VocabSize { get; init; }
    public required int HiddenSize { get; init; }
    public required int IntermediateSize { get; init; }
    public required int NumHiddenLayers { get; init; }
    public required int NumAttentionHeads { get; init; }
    /// <summary>Key/value heads for grouped-query attention; KV head j serves query heads j*g .. j*g+g-1.</summary>
    public required int NumKeyValueHeads { get; init; }
    public required int HeadDim { get; init; }
    public required int MaxPositionEmbeddings { get; init; }
    public required double RmsNormEps { get; init; }
    public required double RopeTheta { get; init; }
    /// <summary>Linear RoPE scaling factor (positions are divided by it); 1 when the config has none.</summary>
    public double RopeLinearFactor { get; init; } = 1.0;
    public required bool TieWordEmbeddings { get; init; }
    /// <summary>Bias on q/k/v projections (always on for Qwen2, <c>attention_bias</c> for LLaMA).</summary>
    public required bool QkvBias { get; init; }
    /// <summary>Bias on the output projection (LLaMA <c>attention_bias</c>; never for Qwen2).</summary>
    public required bool OutputBias { get; init; }
    public required bool MlpBias { get; init; }
    public required string HiddenAct { get; init; }
    public int? BosTokenId { get; init; }
    public IReadOnlyList<int> EosTokenIds { get; init; } = [];
    public int? PadTokenId { get; init; }

    public int KvGroups => NumAttentionHeads / NumKeyValueHeads;

    /// <summary>Decoder parameter count (embeddings and a separate LM head included).</summary>
    public long ParameterCount()
    {
        long h = HiddenSize, q = (long)NumAttentionHeads * HeadDim, kv = (long)NumKeyValueHeads * HeadDim;
        long attention = h * q + 2 * h * kv + q * h + (QkvBias ? q + 2 * kv : 0) + (OutputBias ? h : 0);
        long mlp = 3 * h * IntermediateSize + (MlpBias ? 2 * IntermediateSize + h : 0);
        long perLayer = attention + mlp + 2 * h;
        long embeddings = (long)VocabSize * h * (TieWordEmbeddings ? 1 : 2);
        return NumHiddenLayers * perLayer + embeddings + h;
    }

    /// <summary>Throws when the values cannot describe a working decoder.</summary>
    public void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new ModelConfigException(message);
        }
        Require(VocabSize > 0 && HiddenSize > 0 && IntermediateSize > 0 && NumHiddenLayers > 0,
            "vocab_size, hidden_size, intermediate_size and num_hidden_layers must be positive");
        Require(NumAttentionHeads > 0 && NumKeyValueHeads > 0 && NumAttentionHeads % NumKeyValueHeads == 0,
            $"num_attention_heads ({NumAttentionHeads}) must be a positive multiple of num_key_value_heads ({NumKeyValueHeads})");
        Require(HeadDim > 0 && HeadDim % 2 == 0, $"head_dim ({HeadDim}) must be positive and even for rotary embeddings");
        Require(MaxPositionEmbeddings > 0, "max_position_embeddings must be positive");
        Require(HiddenAct is "silu" or "swish", $"hidden_act '{HiddenAct}' is not supported; supported: silu");
    }
}
