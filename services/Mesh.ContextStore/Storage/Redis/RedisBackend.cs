using Google.Protobuf;
using Mesh.ServiceDefaults.Grpc;
using StackExchange.Redis;

namespace Mesh.ContextStore.Storage.Redis;

/// <summary>
/// Entries in Redis (<see cref="RedisKeys"/>), for replicas that share one store. Blob and header keys
/// carry the entry's TTL (PEXPIREAT), so Redis drops them even when no replica runs; the LRU capacity is
/// enforced by <see cref="RedisScripts.Commit"/>. A Get reads the whole blob into memory and checks its
/// SHA-256 before sending any of it; a blob that fails is deleted (Redis has no quarantine folder).
/// </summary>
public sealed class RedisBackend(ContextStoreOptions options, TimeProvider time, UsageGauge usage, ILogger<RedisBackend> logger)
    : IContextBackend
{
    readonly RedisKeys _keys = new(options.RedisKeyPrefix);
    ConnectionMultiplexer? _redis;

    /// <summary>The store's clock.</summary>
    public TimeProvider Clock => time;

    IDatabase Db => (_redis ?? throw new InvalidOperationException("The Redis backend is not initialized.")).GetDatabase();

    public string Describe() => $"redis store at {options.RedisConnectionString}, keys {_keys.Prefix}*";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_redis is null)
        {
            var config = ConfigurationOptions.Parse(options.RedisConnectionString!);
            // Keep reconnecting in the background rather than failing once; readiness tells meanwhile.
            config.AbortOnConnectFail = false;
            _redis = await ConnectionMultiplexer.ConnectAsync(config);
        }
        await Db.PingAsync();
        await SweepExpiredAsync(cancellationToken);
    }

    public async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Db.PingAsync();
            return null;
        }
        catch (RedisException e)
        {
            return $"Redis at {options.RedisConnectionString} does not answer: {e.Message}";
        }
    }

    public Task<IEntryWriter> BeginPutAsync(NewEntry entry, CancellationToken cancellationToken) =>
        Task.FromResult<IEntryWriter>(new RedisEntryWriter(this, Db, _keys.NewUpload(), entry));

    /// <summary>Makes an upload the entry <paramref name="info"/> (<see cref="RedisScripts.Commit"/>).</summary>
    public async Task<EntryInfo> CommitAsync(RedisKey upload, EntryInfo info)
    {
        var result = await RunAsync(RedisScripts.Commit, Now(), (string)upload!, info.Id.Value, info.ToHeader().ToByteArray(), info.SizeBytes,
                                    EntryInfo.ToStamp(info.Expires), info.Expires.ToUnixTimeMilliseconds(), options.CapacityBytes);
        usage.Evicted((long)result[1]);
        usage.Report((long)result[2], (long)result[3]);
        return info with { AccessStamp = long.Parse((string)result[0]!) };
    }

    public async Task<IEntryReader> OpenAsync(ContextId id, CancellationToken cancellationToken)
    {
        var touched = await RunAsync(RedisScripts.Touch, Now(), id.Value);
        if ((long)touched[0] == 0)
        {
            usage.Evicted((long)touched[1]);
            StoreErrors.NotFound(id);
        }
        byte[]? blob = await Guarded(Db.StringGetAsync(_keys.Data(id)));
        if (blob is null) StoreErrors.NotFound(id);
        try
        {
            var info = EntryInfo.FromHeader((byte[])touched[2]!, long.Parse((string)touched[1]!));
            if (blob.Length != info.SizeBytes) throw new InvalidDataException($"the blob is {blob.Length} bytes, not the stored {info.SizeBytes}");
            string actual = Sha256Hex.Of(blob);
            if (actual != info.Sha256) throw new InvalidDataException($"the blob's SHA-256 is {actual}, not the stored {info.Sha256}");
            return new MemoryEntryReader(blob, info);
        }
        catch (InvalidDataException e)
        {
            await CorruptAsync(id, e.Message);
            throw;
        }
    }

    public async Task<EntryInfo> StatAsync(ContextId id, CancellationToken cancellationToken)
    {
        var meta = Guarded(Db.StringGetAsync(_keys.Meta(id)));
        var stamp = Guarded(Db.SortedSetScoreAsync(_keys.Lru, id.Value));
        byte[]? header = await meta;
        double? score = await stamp;
        if (header is null || score is null) StoreErrors.NotFound(id);
        try
        {
            return EntryInfo.FromHeader(header, (long)score.Value);
        }
        catch (InvalidDataException e)
        {
            await CorruptAsync(id, e.Message);
            throw;
        }
    }

    public async Task DeleteAsync(ContextId id, CancellationToken cancellationToken)
    {
        if (!await RemoveAsync(id)) StoreErrors.NotFound(id);
    }

    public Task<EntryPage> ListAsync(ListQuery query, CancellationToken cancellationToken) =>
        new RedisLister(Db, _keys, logger).ListAsync(query, () => SweepExpiredAsync(cancellationToken));

    public async Task<(long Entries, long Bytes)> UsageAsync(CancellationToken cancellationToken)
    {
        var lru = Guarded(Db.SortedSetLengthAsync(_keys.Lru));
        var bytes = Guarded(Db.StringGetAsync(_keys.Prefix + "bytes"));
        return (await lru, (long?)await bytes ?? 0);
    }

    public async Task<int> SweepExpiredAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync(RedisScripts.Sweep, Now());
        usage.Evicted((long)result[0]);
        usage.Report((long)result[1], (long)result[2]);
        return (int)result[0];
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync();
    }

    async Task<bool> RemoveAsync(ContextId id)
    {
        var result = await RunAsync(RedisScripts.Delete, Now(), id.Value);
        usage.Report((long)result[1], (long)result[2]);
        return (long)result[0] == 1;
    }

    // DATA_LOSS for an entry that failed its checks, after deleting it (Redis has no quarantine folder).
    async Task CorruptAsync(ContextId id, string reason)
    {
        logger.LogWarning("Context {Id} in Redis is corrupt ({Reason}); deleted", id, reason);
        await RemoveAsync(id);
        StoreErrors.DataLoss(id, reason);
    }

    long Now() => EntryInfo.ToStamp(time.GetUtcNow());

    // ARGV[1] is always the key prefix; KEYS names one key of the store so that a cluster routes the script to its slot.
    async Task<RedisResult[]> RunAsync(string script, params RedisValue[] args) =>
        (RedisResult[])(await Guarded(Db.ScriptEvaluateAsync(script, [_keys.Lru], [_keys.Prefix, .. args])))!;

    /// <summary>Awaits a Redis call; an unreachable Redis becomes UNAVAILABLE.</summary>
    public static async Task<T> Guarded<T>(Task<T> call)
    {
        try
        {
            return await call;
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
        {
            RpcErrors.Unavailable($"the context store's Redis does not answer: {e.Message}", TimeSpan.FromSeconds(2));
            throw;
        }
    }
}
