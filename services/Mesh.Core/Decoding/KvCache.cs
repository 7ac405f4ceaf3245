using static TorchSharp.torch;

namespace Mesh.Core.Decoding;

/// <summary>
/// Per-request key/value cache: per layer, K and V of shape [1, kv_heads, capacity, head_dim] with the
/// absolute position of every filled slot. Keys are stored after RoPE, so a slot keeps its original
/// position however the cache is later compacted. Slots of one layer may hold other positions than
/// another's, and layers may hold different counts (compressed contexts keep different image tokens per
/// layer, FastV keeps all of them in early layers); new tokens always append after every cached position.
/// </summary>
public sealed class KvCache : IDisposable
{
    readonly Tensor[] _keys, _values;
    readonly long[][] _positions; // [layer][slot]
    readonly int[] _lengths;      // [layer] filled slots

    public KvCache(int layers, int kvHeads, int headDim, int capacity, ScalarType dtype, Device device)
    {
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be positive");
        _keys = new Tensor[layers];
        _values = new Tensor[layers];
        _positions = new long[layers][];
        for (int l = 0; l < layers; l++)
        {
            _keys[l] = zeros([1, kvHeads, capacity, headDim], dtype: dtype, device: device).DetachFromDisposeScope();
            _values[l] = zeros([1, kvHeads, capacity, headDim], dtype: dtype, device: device).DetachFromDisposeScope();
            _positions[l] = new long[capacity];
        }
        _lengths = new int[layers];
        Capacity = capacity;
    }

    public int Layers => _keys.Length;
    public int Capacity { get; }
    /// <summary>Filled slots of the fullest layer (capacity is checked against it).</summary>
    public int Length => _lengths.Max();
    /// <summary>The position after the last cached one: where the next token goes.</summary>
    public long NextPosition { get; private set; }

    /// <summary>Filled slots of <paramref name="layer"/>.</summary>
    public int LayerLength(int layer) => _lengths[layer];

    /// <summary>Absolute positions of the filled slots of <paramref name="layer"/>.</summary>
    public ReadOnlySpan<long> Positions(int layer) => _positions[layer].AsSpan(0, _lengths[layer]);

    /// <summary>Views of the filled K and V of <paramref name="layer"/>, each [1, kv_heads, LayerLength, head_dim].</summary>
    public (Tensor Keys, Tensor Values) Read(int layer) =>
        (_keys[layer].narrow(2, 0, _lengths[layer]), _values[layer].narrow(2, 0, _lengths[layer]));

    /// <summary>
    /// Fills an empty <paramref name="layer"/> with stored slots: K/V [1, kv_heads, n, head_dim] at increasing
    /// <paramref name="slotPositions"/>. Call <see cref="Seal"/> once every layer is restored.
    /// </summary>
    public void Restore(int layer, Tensor storedKeys, Tensor storedValues, ReadOnlySpan<long> slotPositions)
    {
        int n = slotPositions.Length;
        if (_lengths[layer] != 0) throw new InvalidOperationException($"layer {layer} already holds {_lengths[layer]} slots");
        if (n > Capacity) throw new InvalidOperationException($"{n} stored slots exceed the cache's capacity of {Capacity}");
        if (storedKeys.shape[2] != n || storedValues.shape[2] != n)
            throw new ArgumentException($"layer {layer}: {n} positions for K/V of {storedKeys.shape[2]}/{storedValues.shape[2]} slots");
        for (int i = 1; i < n; i++)
            if (slotPositions[i] <= slotPositions[i - 1]) throw new ArgumentException($"layer {layer}: slot positions must increase");
        if (n == 0) return;
        _keys[layer].narrow(2, 0, n).copy_(storedKeys);
        _values[layer].narrow(2, 0, n).copy_(storedValues);
        slotPositions.CopyTo(_positions[layer]);
        _lengths[layer] = n;
    }

    /// <summary>After <see cref="Restore"/>: new tokens go at <paramref name="nextPosition"/>, past every stored slot.</summary>
    public void Seal(long nextPosition)
    {
        for (int l = 0; l < Layers; l++)
            if (_lengths[l] > 0 && _positions[l][_lengths[l] - 1] >= nextPosition)
                throw new ArgumentException($"next position {nextPosition} does not follow layer {l}'s last slot ({_positions[l][_lengths[l] - 1]})");
        NextPosition = nextPosition;
    }

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
        long t = newKeys.shape[2], filled = _lengths[layer];
        _keys[layer].narrow(2, filled, t).copy_(newKeys);
        _values[layer].narrow(2, filled, t).copy_(newValues);
        return (_keys[layer].narrow(2, 0, filled + t), _values[layer].narrow(2, 0, filled + t));
    }

    /// <summary>Commits the tokens written by <see cref="Write"/> in every layer at <paramref name="newPositions"/>.</summary>
    public void Advance(ReadOnlySpan<long> newPositions)
    {
        for (int l = 0; l < Layers; l++)
        {
            newPositions.CopyTo(_positions[l].AsSpan(_lengths[l]));
            _lengths[l] += newPositions.Length;
        }
        NextPosition = newPositions[^1] + 1;
    }

    public void Dispose()
    {
        foreach (var t in _keys) t.Dispose();
        foreach (var t in _values) t.Dispose();
    }
}
