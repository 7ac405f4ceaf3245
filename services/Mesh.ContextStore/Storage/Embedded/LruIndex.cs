namespace Mesh.ContextStore.Storage.Embedded;

/// <summary>
/// The embedded store's entries in memory: by id, and by access stamp for the LRU order and paging.
/// Not thread-safe: <see cref="EmbeddedBackend"/> holds its lock around every call.
/// </summary>
public sealed class LruIndex
{
    readonly Dictionary<ContextId, EntryInfo> _byId = [];
    // Stamps are unique, so the order compares stamps only.
    readonly SortedSet<(long Stamp, ContextId Id)> _byAccess = new(Comparer<(long Stamp, ContextId Id)>.Create((a, b) => a.Stamp.CompareTo(b.Stamp)));
    long _lastStamp;

    /// <summary>Entries held.</summary>
    public int Count => _byId.Count;

    /// <summary>Bytes of the entries' blobs.</summary>
    public long Bytes { get; private set; }

    /// <summary>A stamp for an access at <paramref name="time"/>: its microseconds, or one more than the last stamp given.</summary>
    public long NextStamp(DateTimeOffset time) => _lastStamp = Math.Max(EntryInfo.ToStamp(time), _lastStamp + 1);

    /// <summary>The entry of <paramref name="id"/>, when held.</summary>
    public bool TryGet(ContextId id, out EntryInfo entry) => _byId.TryGetValue(id, out entry!);

    /// <summary>Adds an entry with a stamp from <see cref="NextStamp"/>.</summary>
    public void Add(EntryInfo entry)
    {
        _byId.Add(entry.Id, entry);
        _byAccess.Add((entry.AccessStamp, entry.Id));
        Bytes += entry.SizeBytes;
    }

    /// <summary>Replaces an entry's stamp with <paramref name="stamp"/>; returns the touched entry.</summary>
    public EntryInfo Touch(EntryInfo entry, long stamp)
    {
        Remove(entry.Id);
        var touched = entry with { AccessStamp = stamp };
        Add(touched);
        return touched;
    }

    /// <summary>Removes an entry; false when it was not held.</summary>
    public bool Remove(ContextId id)
    {
        if (!_byId.Remove(id, out var entry)) return false;
        _byAccess.Remove((entry.AccessStamp, id));
        Bytes -= entry.SizeBytes;
        return true;
    }

    /// <summary>The least recently accessed entry, or null when empty.</summary>
    public EntryInfo? Oldest => _byAccess.Count == 0 ? null : _byId[_byAccess.Min.Id];

    /// <summary>Entries stamped before <paramref name="before"/>, most recent first.</summary>
    public IEnumerable<EntryInfo> MostRecentFirst(long before) =>
        before == long.MinValue ? [] : _byAccess.GetViewBetween((long.MinValue, default), (before - 1, default)).Reverse().Select(k => _byId[k.Id]);

    /// <summary>Entries whose TTL has passed at <paramref name="now"/>.</summary>
    public List<EntryInfo> ExpiredAt(DateTimeOffset now) => _byId.Values.Where(e => e.IsExpiredAt(now)).ToList();
}
