namespace Mesh.ContextStore.Storage.Embedded;

/// <summary>
/// Rebuilds the embedded index from <c>entries/</c> at start: each file's trailer is checked (the blob
/// is checked when read), expired entries are deleted, corrupt files are quarantined, files that are
/// not entries are left alone, and entries beyond the capacity are evicted, least recently used first.
/// </summary>
public sealed class EntryLoader(EmbeddedBackend store, ILogger logger)
{
    public void Load()
    {
        store.Folders.Prepare();
        var now = store.Now;
        var found = new List<(EntryInfo Entry, DateTimeOffset LastAccess)>();
        long expired = 0;
        foreach (string path in Directory.EnumerateFiles(store.Folders.Entries))
        {
            string name = Path.GetFileName(path);
            if (!name.EndsWith(".ctx", StringComparison.Ordinal) || !ContextId.TryParse(name[..^".ctx".Length], out var id))
            {
                logger.LogWarning("{Path} is not a context entry; left alone", path);
                continue;
            }
            EntryInfo entry;
            try
            {
                entry = ReadTrailer(path, id);
            }
            catch (InvalidDataException e)
            {
                store.Quarantine(id, e.Message);
                continue;
            }
            if (entry.IsExpiredAt(now))
            {
                File.Delete(path);
                expired++;
                continue;
            }
            found.Add((entry, new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero)));
        }

        store.Restore(found, expired);
    }

    static EntryInfo ReadTrailer(string path, ContextId id)
    {
        using var file = File.OpenHandle(path);
        return EntryFile.ReadTrailer(file, id, accessStamp: 0);
    }
}
