using static TorchSharp.torch;

namespace Mesh.Core.Decoding;

/// <summary>
/// Per-request key/value cache: per layer, K and V of shape [1, kv_heads, capacity, head_dim] with the
/// absolute position of every filled slot. Keys are stored after RoPE, so a slot keeps its original
/// position however the cache is later compacted. Slots of one layer may hold other positions than
/// another's (compressed contexts keep different image tokens per layer); new tokens always append
/// after every cached position.
/// </summary>
public sealed class KvCache : IDisposable
{
    readonly Tensor[] keys, values;
    readonly long[][] positions; // [layer][slot]

    public KvCache(int layers, int kvHeads, int headDim, int capacity, ScalarType dtype, Device device)
    {
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be positive");
        keys = new Tensor[layers];
        values = new Tensor[layers];
        positions = new long[layers][];
        for (int l = 0; l < layers; l++)
        {
            keys[l] = zeros([1, kvHeads, capacity, headDim], dtype: dtype, device: device).DetachFromDisposeScope();
            values[l] = zeros([1, kvHeads, capacity, headDim], dtype: dtype, device: device).DetachFromDisposeScope();
            positions[l] = new long[capacity];
        }
        Capacity = capacity;
    }

    public int Layers => keys.Length;
    public int Capacity { get; }
    /// <summary>Filled slots (the same count in every layer).</summary>
    public int Length { get; private set; }
    /// <summary>The position after the last cached one: where the next token goes.</summary>
    public long NextPosition { get; private set; }

    /// <summary>Absolute positions of the filled slots of <paramref name="layer"/>.</summary>
    public ReadOnlySpan<long> Positions(int layer) => positions[layer].AsSpan(0, Length);

    /// <summary>Bytes held by the filled part of the cache.</summary>
    public long FilledBytes => 2L * Layers * Length * keys[0].shape[1] * keys[0].shape[3] * keys[0].ElementSize;

    /// <summary>Throws unless <paramref name="count"/> new tokens at <paramref name="newPositions"/> fit and follow every cached position.</summary>
    public void CheckAppend(ReadOnlySpan<long> newPositions)
    {
        if (Length + newPositions.Length > Capacity)
            throw new InvalidOperationException(
                $"KV cache full: {Length} cached + {newPositions.Length} new tokens exceed its capacity of {Capacity}");
        for (int i = 0; i < newPositions.Length; i++)
        {
            long min = i == 0 ? NextPosition : newPositions[i - 1] + 1;
            if (newPositions[i] < min)
                throw new InvalidOperationException($"positions must increase past the cache's last position ({NextPosition - 1}); got {newPositions[i]}");
        }
    }

    /// <summary>
    /// Writes new K/V [1, kv_heads, T, head_dim] for <paramref name="layer"/> after the filled slots and returns
    /// views of everything cached for it, [1, kv_heads, Length + T, head_dim]. <see cref="Advance"/> commits.
    /// </summary>
    public (Tensor Keys, Tensor Values) Write(int layer, Tensor newKeys, Tensor newValues)
    {
        long t = newKeys.shape[2];
        keys[layer].narrow(2, Length, t).copy_(newKeys);
        values[layer].narrow(2, Length, t).copy_(newValues);
        return (keys[layer].narrow(2, 0, Length + t), values[layer].narrow(2, 0, Length + t));
    }

    /// <summary>Commits the tokens written by <see cref="Write"/> in every layer at <paramref name="newPositions"/>.</summary>
    public void Advance(ReadOnlySpan<long> newPositions)
    {
        foreach (var layerPositions in positions) newPositions.CopyTo(layerPositions.AsSpan(Length));
        Length += newPositions.Length;
        NextPosition = newPositions[^1] + 1;
    }

    public void Dispose()
    {
        foreach (var t in keys) t.Dispose();
        foreach (var t in values) t.Dispose();
    }
}
