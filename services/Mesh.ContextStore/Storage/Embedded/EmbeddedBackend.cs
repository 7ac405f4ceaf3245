using Microsoft.Win32.SafeHandles;

namespace Mesh.ContextStore.Storage.Embedded;

/// <summary>
/// The default backend: the index in memory (<see cref="LruIndex"/>), one checksummed file per entry
/// (<see cref="EntryFile"/>) written atomically, the index rebuilt from the files at start. A file that
/// fails its checks is moved to <c>quarantine/</c> and that entry alone answers DATA_LOSS, once; the
/// rest keep serving. A file's modification time is its last access, so the LRU order survives a restart.
/// </summary>
public sealed class EmbeddedBackend(ContextStoreOptions options, TimeProvider time, UsageGauge usage, ILogger<EmbeddedBackend> logger)
    : IContextBackend
{
    readonly EntryFolders _folders = new(options.ResolveDataDirectory());
    readonly LruIndex _index = new();
    readonly Lock _lock = new();

    /// <summary>The store's clock.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The store's folders.</summary>
    public EntryFolders Folders => _folders;

    public string Describe()
    {
        lock (_lock) return $"embedded store at {_folders.Root}: {_index.Count} entries, {_index.Bytes} of {options.CapacityBytes} bytes";
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.Run(() => new EntryLoader(this, logger).Load(), cancellationToken);

    public Task<string?> ProbeAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Directory.Exists(_folders.Entries) ? null : $"the data folder {_folders.Entries} is gone");

    public Task<IEntryWriter> BeginPutAsync(NewEntry entry, CancellationToken cancellationToken) =>
        Task.FromResult<IEntryWriter>(new EntryFileWriter(this, _folders.NewTempPath(), ContextId.NewRandom(), entry));

    public async Task<IEntryReader> OpenAsync(ContextId id, CancellationToken cancellationToken)
    {
        EntryInfo entry;
        lock (_lock) entry = _index.Touch(Live(id), _index.NextStamp(Now));
        Stamp(entry);

        SafeFileHandle file;
        try
        {
            file = File.OpenHandle(_folders.PathOf(id), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.Asynchronous);
        }
        catch (FileNotFoundException)
        {
            // Evicted or deleted since the lookup: gone. Still indexed: the file vanished under the store.
            lock (_lock) if (!_index.TryGet(id, out _)) StoreErrors.NotFound(id);
            Quarantine(id, "its file is missing");
            StoreErrors.DataLoss(id, "its file is missing");
            throw;
        }
        try
        {
            var stored = EntryFile.ReadTrailer(file, id, entry.AccessStamp);
            await EntryFile.VerifyBlobAsync(file, stored, cancellationToken);
            return new FileEntryReader(file, stored);
        }
        catch (Exception e)
        {
            file.Dispose();
            if (e is not InvalidDataException) throw;
            Quarantine(id, e.Message);
            StoreErrors.DataLoss(id, e.Message);
            throw;
        }
    }

    public Task<EntryInfo> StatAsync(ContextId id, CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult(Live(id));
    }

    public Task DeleteAsync(ContextId id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Remove(Live(id));
            Report();
        }
        return Task.CompletedTask;
    }

    public Task<EntryPage> ListAsync(ListQuery query, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            RemoveExpired();
            var page = _index.MostRecentFirst(query.Before)
                .Where(e => string.IsNullOrEmpty(query.ModelId) || e.Metadata.ModelId == query.ModelId)
                .Take(query.PageSize + 1).ToList();
            bool more = page.Count > query.PageSize;
            if (more) page.RemoveAt(query.PageSize);
            return Task.FromResult(new EntryPage(page, more ? page[^1].AccessStamp : null));
        }
    }

    public Task<(long Entries, long Bytes)> UsageAsync(CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult<(long, long)>((_index.Count, _index.Bytes));
    }

    public Task<int> SweepExpiredAsync(CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult(RemoveExpired());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Makes a written temp file the entry <paramref name="info"/>: renamed into place, indexed, others evicted beyond the capacity.</summary>
    public EntryInfo Admit(string tempPath, EntryInfo info)
    {
        EntryInfo admitted;
        lock (_lock)
        {
            File.Move(tempPath, _folders.PathOf(info.Id));
            admitted = info with { AccessStamp = _index.NextStamp(Now) };
            _index.Add(admitted);
            RemoveExpired();
            EvictOverCapacity();
            Report();
        }
        Stamp(admitted);
        return admitted;
    }

    /// <summary>
    /// Indexes the entries found at start, oldest access first, stamped by their files' times; counts the
    /// <paramref name="expired"/> ones dropped, evicts beyond the capacity (a smaller one than before) and reports the usage.
    /// </summary>
    public void Restore(IEnumerable<(EntryInfo Entry, DateTimeOffset LastAccess)> found, long expired)
    {
        usage.Evicted(expired);
        lock (_lock)
        {
            foreach (var (entry, lastAccess) in found.OrderBy(f => f.LastAccess))
                _index.Add(entry with { AccessStamp = _index.NextStamp(lastAccess) });
            EvictOverCapacity();
            Report();
        }
    }

    /// <summary>Moves a corrupt file to quarantine and forgets its entry.</summary>
    public void Quarantine(ContextId id, string reason)
    {
        lock (_lock)
        {
            _index.Remove(id);
            Report();
        }
        string target = _folders.QuarantinePathOf(id, Now);
        try
        {
            File.Move(_folders.PathOf(id), target);
            logger.LogWarning("Context {Id} is corrupt ({Reason}); moved to {Path}", id, reason, target);
        }
        catch (FileNotFoundException)
        {
            logger.LogWarning("Context {Id} is corrupt ({Reason}); its file is already gone", id, reason);
        }
    }

    // The live entry of id (caller holds the lock): NOT_FOUND when unknown; an expired one is removed first.
    EntryInfo Live(ContextId id)
    {
        if (!_index.TryGet(id, out var entry)) StoreErrors.NotFound(id);
        if (!entry.IsExpiredAt(Now)) return entry;
        Remove(entry);
        usage.Evicted(1);
        Report();
        StoreErrors.NotFound(id);
        return null!;
    }

    int RemoveExpired()
    {
        var expired = _index.ExpiredAt(Now);
        foreach (var entry in expired) Remove(entry);
        usage.Evicted(expired.Count);
        Report();
        return expired.Count;
    }

    void EvictOverCapacity()
    {
        while (_index.Bytes > options.CapacityBytes && _index.Oldest is { } oldest)
        {
            Remove(oldest);
            usage.Evicted(1);
        }
    }

    void Remove(EntryInfo entry)
    {
        _index.Remove(entry.Id);
        File.Delete(_folders.PathOf(entry.Id));
    }

    void Report() => usage.Report(_index.Count, _index.Bytes);

    // The file's modification time is the entry's last access (read back at start).
    void Stamp(EntryInfo entry)
    {
        try
        {
            File.SetLastWriteTimeUtc(_folders.PathOf(entry.Id), entry.LastAccess.UtcDateTime);
        }
        catch (IOException)
        {
            // Evicted or deleted meanwhile; nothing to stamp.
        }
    }
}
