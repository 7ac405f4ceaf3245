using Mesh.ServiceDefaults.Telemetry;

namespace Mesh.VisionEncoder.Caching;

/// <summary>
/// Image embeddings by key (<see cref="Model.VisionModel.KeyFor"/>), at most <paramref name="capacityBytes"/>
/// bytes of them; adding past the capacity evicts the least recently used. Thread-safe. Records
/// <c>mesh.vision.cache.size</c>; hits and misses are counted by the caller, which knows why it looked.
/// </summary>
public sealed class EmbeddingCache(long capacityBytes, MeshTelemetry telemetry)
{
    // Per-entry bookkeeping besides the floats: key string, node, dictionary slot.
    const long EntryOverheadBytes = 256;

    readonly Dictionary<string, LinkedListNode<Entry>> _index = new(StringComparer.Ordinal);
    readonly LinkedList<Entry> _recency = new(); // most recently used first
    readonly Lock _lock = new();
    long _bytes;

    sealed record Entry(string Key, float[] Features, long Bytes);

    /// <summary>Most bytes held.</summary>
    public long CapacityBytes => capacityBytes;

    /// <summary>Bytes held now.</summary>
    public long Bytes { get { lock (_lock) return _bytes; } }

    /// <summary>Entries held now.</summary>
    public int Count { get { lock (_lock) return _index.Count; } }

    /// <summary>The features under <paramref name="key"/>, marking them most recently used. Callers must not modify them.</summary>
    public bool TryGet(string key, out float[] features)
    {
        lock (_lock)
        {
            if (_index.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                features = node.Value.Features;
                return true;
            }
        }
        features = [];
        return false;
    }

    /// <summary>Stores <paramref name="features"/> under <paramref name="key"/>, evicting as needed; an entry larger than the capacity is not kept.</summary>
    public void Add(string key, float[] features)
    {
        long size = (long)features.Length * sizeof(float) + EntryOverheadBytes;
        if (size > capacityBytes) return;
        lock (_lock)
        {
            if (_index.ContainsKey(key)) return; // same key, same features: keep the entry and its recency
            while (_bytes + size > capacityBytes) Remove(_recency.Last!);
            _index[key] = _recency.AddFirst(new Entry(key, features, size));
            _bytes += size;
        }
        telemetry.VisionCacheBytes.Add(size);
    }

    void Remove(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _index.Remove(node.Value.Key);
        _bytes -= node.Value.Bytes;
        telemetry.VisionCacheBytes.Add(-node.Value.Bytes);
    }
}
