using StackExchange.Redis;

namespace Mesh.ContextStore.Storage.Redis;

/// <summary>
/// A Put into Redis: chunks are appended to an upload key (which expires after <see cref="RedisKeys.UploadIdle"/>
/// without chunks, so an abandoned Put cleans itself up), renamed into place by the commit script.
/// </summary>
public sealed class RedisEntryWriter(RedisBackend store, IDatabase db, RedisKey upload, NewEntry entry) : IEntryWriter
{
    bool _committed;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
    {
        var append = db.StringAppendAsync(upload, chunk);
        var expire = db.KeyExpireAsync(upload, RedisKeys.UploadIdle);
        await RedisBackend.Guarded(append);
        await RedisBackend.Guarded(expire);
    }

    public async Task<EntryInfo> CommitAsync(CancellationToken cancellationToken)
    {
        var now = store.Clock.GetUtcNow();
        var info = new EntryInfo(ContextId.NewRandom(), entry.Metadata, entry.SizeBytes, entry.Sha256, now, now + entry.Ttl, AccessStamp: 0);
        var committed = await store.CommitAsync(upload, info);
        _committed = true;
        return committed;
    }

    public ValueTask DisposeAsync()
    {
        if (!_committed) db.KeyDelete(upload, CommandFlags.FireAndForget);
        return ValueTask.CompletedTask;
    }
}
