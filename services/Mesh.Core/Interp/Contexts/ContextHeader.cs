using System.Text.Json.Serialization;

namespace Mesh.Core.Interp.Contexts;

/// <summary>The JSON header of a serialised context: its <see cref="ContextInfo"/>, tensor shapes and the kept positions per layer.</summary>
internal sealed record ContextHeader(
    [property: JsonPropertyName("model_id")] string ModelId,
    [property: JsonPropertyName("image_sha256")] string ImageSha256,
    [property: JsonPropertyName("prompt")] string Prompt,
    [property: JsonPropertyName("k")] double K,
    [property: JsonPropertyName("method")] RankingMethod Method,
    [property: JsonPropertyName("prompt_length")] int PromptLength,
    [property: JsonPropertyName("image_start")] int ImageStart,
    [property: JsonPropertyName("image_end")] int ImageEnd,
    [property: JsonPropertyName("description_tokens")] int[] DescriptionTokens,
    [property: JsonPropertyName("storage")] ContextStorage Storage,
    [property: JsonPropertyName("kv_heads")] int KvHeads,
    [property: JsonPropertyName("head_dim")] int HeadDim,
    [property: JsonPropertyName("positions")] long[][] Positions)
{
    public static ContextHeader Of(CompressedContext context, ContextStorage storage)
    {
        var i = context.Info;
        return new(i.ModelId, i.ImageSha256, i.Prompt, i.K, i.Method, i.PromptLength, i.ImageStart, i.ImageEnd, i.DescriptionTokens,
                   storage, context.KvHeads, context.HeadDim, context.Layers.Select(l => l.Positions).ToArray());
    }

    public ContextInfo Info => new(ModelId, ImageSha256, Prompt, K, Method, PromptLength, ImageStart, ImageEnd, DescriptionTokens);

    /// <summary>Bytes of one stored K or V tensor of <paramref name="slots"/> slots.</summary>
    public long BlockBytes(int slots) => Storage switch
    {
        ContextStorage.F32 => 4L * KvHeads * slots * HeadDim,
        ContextStorage.Int8 => 4L * KvHeads * HeadDim + (long)KvHeads * slots * HeadDim,
        _ => 2L * KvHeads * slots * HeadDim,
    };

    /// <summary>Throws <see cref="ContextFormatException"/> for values no writer produces.</summary>
    public void Check()
    {
        if (!Enum.IsDefined(Storage)) throw new ContextFormatException($"unknown storage type {(int)Storage}");
        if (!Enum.IsDefined(Method)) throw new ContextFormatException($"unknown selection method {(int)Method}");
        if (KvHeads <= 0 || HeadDim <= 0 || Positions is null || Positions.Length == 0)
            throw new ContextFormatException("header has no layers or non-positive tensor sizes");
        if (ImageStart < 0 || ImageEnd < ImageStart || PromptLength < ImageEnd)
            throw new ContextFormatException($"header image span [{ImageStart}, {ImageEnd}) does not fit prompt length {PromptLength}");
        foreach (var layer in Positions)
            for (int p = 0; p < layer.Length; p++)
                if (layer[p] < 0 || layer[p] >= PromptLength || (p > 0 && layer[p] <= layer[p - 1]))
                    throw new ContextFormatException("header positions must increase within [0, prompt length)");
    }
}
