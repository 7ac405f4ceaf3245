namespace Mesh.ContextStore.Storage.Embedded;

/// <summary>
/// A Put into a temp file: the blob as it arrives, then at commit the trailer, an fsync, and the
/// rename into <c>entries/</c> (done by <see cref="EmbeddedBackend.Admit"/>). Abandoned: the temp file goes.
/// </summary>
public sealed class EntryFileWriter(EmbeddedBackend store, string tempPath, ContextId id, NewEntry entry) : IEntryWriter
{
    readonly FileStream _file = new(tempPath, new FileStreamOptions
    {
        Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous,
        PreallocationSize = entry.SizeBytes,
    });
    bool _committed;

    public ValueTask WriteAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken) => _file.WriteAsync(chunk, cancellationToken);

    public async Task<EntryInfo> CommitAsync(CancellationToken cancellationToken)
    {
        var now = store.Now;
        var info = new EntryInfo(id, entry.Metadata, entry.SizeBytes, entry.Sha256, now, now + entry.Ttl, AccessStamp: 0);
        await EntryFile.WriteTrailerAsync(_file, info, cancellationToken);
        // Durable before it becomes visible: a crash leaves either no entry or a whole one.
        _file.Flush(flushToDisk: true);
        await _file.DisposeAsync();
        var admitted = store.Admit(tempPath, info);
        _committed = true;
        return admitted;
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync();
        if (!_committed) File.Delete(tempPath);
    }
}
