using Mesh.Core.Decoding;
using Mesh.Core.Nn;
using static TorchSharp.torch;

namespace Mesh.Core.Interp.Contexts;

/// <summary>Where a context comes from: the model, the image's SHA-256 (hex) and the prompt's text.</summary>
public sealed record ContextOrigin(string ModelId, string ImageSha256, string Prompt);

/// <summary>What a compressed context was built from (stored with it; the image itself is not).</summary>
public sealed record ContextInfo(
    string ModelId, string ImageSha256, string Prompt, double K, RankingMethod Method,
    int PromptLength, int ImageStart, int ImageEnd, int[] DescriptionTokens)
{
    public TokenGroups Groups => new(ImageStart, ImageEnd, PromptLength);
}

/// <summary>One layer's kept slots: absolute positions and K/V [1, kv_heads, n, head_dim] (after RoPE).</summary>
public sealed record ContextLayer(long[] Positions, Tensor Keys, Tensor Values);

/// <summary>
/// A compressed image context (docs/paper.md section 7): per layer, the KV of PREFIX + the kept IMAGE tokens +
/// INSTRUCTION at their original positions. Answering appends a question after the prompt's last position.
/// </summary>
public sealed class CompressedContext : IDisposable
{
    public CompressedContext(ContextInfo info, IReadOnlyList<ContextLayer> layers)
    {
        if (layers.Count == 0) throw new ArgumentException("a context has at least one layer");
        Info = info;
        Layers = layers;
        KvHeads = (int)layers[0].Keys.shape[1];
        HeadDim = (int)layers[0].Keys.shape[3];
    }

    public ContextInfo Info { get; }
    public IReadOnlyList<ContextLayer> Layers { get; }
    public int KvHeads { get; }
    public int HeadDim { get; }

    /// <summary>Slots kept over all layers, and the most any layer keeps.</summary>
    public long KeptSlots => Layers.Sum(l => (long)l.Positions.Length);
    public int MaxLayerSlots => Layers.Max(l => l.Positions.Length);

    /// <summary>Bytes of the full prompt's KV cache in <paramref name="elementBytes"/>-byte elements (F16: 2), the size it replaces.</summary>
    public long FullPromptKvBytes(int elementBytes) => 2L * Layers.Count * Info.PromptLength * KvHeads * HeadDim * elementBytes;

    /// <summary>
    /// Keeps, per layer, the prompt slots of <paramref name="cache"/> outside the image that <paramref name="parts"/> keeps
    /// (every one by default) plus the image positions <paramref name="selection"/> keeps (generated slots are dropped).
    /// Tensors are copied.
    /// </summary>
    public static CompressedContext FromCache(KvCache cache, ContextInfo info, ImageSelection selection,
                                              ContextContents parts = ContextContents.QueryAndImage)
    {
        var groups = info.Groups;
        var layers = new ContextLayer[cache.Layers];
        for (int l = 0; l < cache.Layers; l++)
        {
            var positions = cache.Positions(l);
            var slots = new List<long>();
            var kept = new List<long>();
            for (int i = 0; i < positions.Length; i++)
            {
                long p = positions[i];
                bool keep = groups.Contains(PositionGroup.Image, p) ? selection.Keeps(l, p) : parts.KeepsText(groups, p);
                if (!keep) continue;
                slots.Add(i);
                kept.Add(p);
            }
            using var scope = NewDisposeScope();
            var (keys, values) = cache.Read(l);                                    // [1, KvH, len, D]
            using var index = tensor(slots.ToArray(), device: keys.device);
            layers[l] = new ContextLayer(kept.ToArray(),
                keys.index_select(2, index).DetachFromDisposeScope(),              // [1, KvH, n, D]
                values.index_select(2, index).DetachFromDisposeScope());
        }
        return new CompressedContext(info, layers);
    }

    /// <summary>A fresh cache holding this context, with room for <paramref name="extraTokens"/> more; the next position is the prompt length.</summary>
    public KvCache OpenCache(LlamaForCausalLM model, int extraTokens)
    {
        var config = model.Config;
        if (config.NumHiddenLayers != Layers.Count || config.NumKeyValueHeads != KvHeads || config.HeadDim != HeadDim)
            throw new ArgumentException(
                $"context shape ({Layers.Count} layers, {KvHeads} KV heads, head dim {HeadDim}) does not fit the model " +
                $"({config.NumHiddenLayers}, {config.NumKeyValueHeads}, {config.HeadDim})");
        var cache = model.NewCache(MaxLayerSlots + extraTokens);
        try
        {
            for (int l = 0; l < Layers.Count; l++)
            {
                using var scope = NewDisposeScope();
                cache.Restore(l, Layers[l].Keys.to(model.DType, model.Device), Layers[l].Values.to(model.DType, model.Device), Layers[l].Positions);
            }
            cache.Seal(Info.PromptLength);
            return cache;
        }
        catch
        {
            cache.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var layer in Layers)
        {
            layer.Keys.Dispose();
            layer.Values.Dispose();
        }
    }
}
