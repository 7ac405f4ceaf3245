namespace Mesh.ContextStore.Storage;

/// <summary>
/// Where entries live (embedded files or Redis). A backend enforces TTL (expired entries are never
/// served) and the byte capacity (least recently accessed entries go first), counts what it evicts
/// and reports its usage to <see cref="UsageGauge"/>. Unknown ids throw NOT_FOUND and entries that
/// fail their checksum throw DATA_LOSS (<see cref="StoreErrors"/>); arguments were checked before.
/// </summary>
public interface IContextBackend : IAsyncDisposable
{
    /// <summary>What the store is, for readiness and logs ("embedded store at /data: 3 entries, 12 MB").</summary>
    string Describe();

    /// <summary>Loads or connects; the store serves once this returns. Throws when it cannot (retried by <see cref="BackendLoader"/>'s host).</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Null while the backend works, else why not (Redis unreachable, folder gone).</summary>
    Task<string?> ProbeAsync(CancellationToken cancellationToken);

    /// <summary>Starts storing <paramref name="entry"/>: write its bytes, then commit, or dispose to abandon.</summary>
    Task<IEntryWriter> BeginPutAsync(NewEntry entry, CancellationToken cancellationToken);

    /// <summary>Opens an entry for reading after verifying its checksum, and marks it used.</summary>
    Task<IEntryReader> OpenAsync(ContextId id, CancellationToken cancellationToken);

    /// <summary>An entry's description (not a use: the LRU order stays).</summary>
    Task<EntryInfo> StatAsync(ContextId id, CancellationToken cancellationToken);

    /// <summary>Removes an entry.</summary>
    Task DeleteAsync(ContextId id, CancellationToken cancellationToken);

    /// <summary>Live entries, most recently used first, stamped before <see cref="ListQuery.Before"/>.</summary>
    Task<EntryPage> ListAsync(ListQuery query, CancellationToken cancellationToken);

    /// <summary>Live entries and their bytes.</summary>
    Task<(long Entries, long Bytes)> UsageAsync(CancellationToken cancellationToken);

    /// <summary>Removes every expired entry; returns how many.</summary>
    Task<int> SweepExpiredAsync(CancellationToken cancellationToken);
}

/// <summary>An entry being stored. The caller checks the size and checksum before <see cref="CommitAsync"/>.</summary>
public interface IEntryWriter : IAsyncDisposable
{
    /// <summary>Appends the next slice of the blob.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken);

    /// <summary>Makes the entry visible (and durable), evicting others beyond the capacity.</summary>
    Task<EntryInfo> CommitAsync(CancellationToken cancellationToken);
}

/// <summary>A verified entry open for reading.</summary>
public interface IEntryReader : IAsyncDisposable
{
    /// <summary>The entry, with its access stamp of this read.</summary>
    EntryInfo Info { get; }

    /// <summary>Fills <paramref name="buffer"/> with the blob's bytes from <paramref name="offset"/> (within the blob).</summary>
    ValueTask ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken);
}

/// <summary>One List call: at most <paramref name="PageSize"/> entries stamped before <paramref name="Before"/>, of <paramref name="ModelId"/> when set.</summary>
public sealed record ListQuery(int PageSize, long Before, string? ModelId);

/// <summary>A page of entries; <paramref name="NextBefore"/> continues after it, null on the last page.</summary>
public sealed record EntryPage(IReadOnlyList<EntryInfo> Entries, long? NextBefore);
