namespace Mesh.ContextStore.Storage.Redis;

/// <summary>
/// The Lua scripts that keep an entry's keys, the LRU and expiry sets and the byte count consistent,
/// each atomic in Redis. ARGV[1] is the key prefix, ARGV[2] the caller's time in microseconds. Expired
/// entries are swept by every write; capacity is enforced here (not by Redis maxmemory-policy), so that
/// evictions follow this store's LRU, are counted, and never touch other data in the same Redis.
/// </summary>
public static class RedisScripts
{
    // Stamps are Unix microseconds (< 2^53, exact in Lua's doubles) and unique: one more than the newest when time ties.
    const string Prelude = """
        local p = ARGV[1]
        local function drop(id)
          local size = redis.call('HGET', p .. 'sizes', id)
          redis.call('DEL', p .. 'data:' .. id, p .. 'meta:' .. id)
          redis.call('ZREM', p .. 'lru', id)
          redis.call('ZREM', p .. 'expiry', id)
          redis.call('HDEL', p .. 'sizes', id)
          if size then redis.call('DECRBY', p .. 'bytes', size) end
        end
        local function sweep(now)
          local ids = redis.call('ZRANGEBYSCORE', p .. 'expiry', '-inf', now)
          for _, id in ipairs(ids) do drop(id) end
          return #ids
        end
        local function stamp(now)
          local s = tonumber(now)
          local top = redis.call('ZREVRANGE', p .. 'lru', 0, 0, 'WITHSCORES')
          if top[2] and tonumber(top[2]) >= s then s = tonumber(top[2]) + 1 end
          return string.format('%.0f', s)
        end
        local function usage()
          return {redis.call('ZCARD', p .. 'lru'), tonumber(redis.call('GET', p .. 'bytes') or '0')}
        end

        """;

    /// <summary>
    /// ARGV: prefix, now, upload key, id, header, size, expiry (us), expiry (ms), capacity. Renames the upload
    /// into place, indexes it, evicts the least recently used beyond the capacity.
    /// Returns {stamp, entries removed (expired + evicted), entries, bytes}.
    /// </summary>
    public const string Commit = Prelude + """
        local now, upload, id, size = ARGV[2], ARGV[3], ARGV[4], ARGV[6]
        local removed = sweep(now)
        if redis.call('EXISTS', upload) == 0 then return redis.error_reply('the upload expired before the Put completed') end
        redis.call('RENAME', upload, p .. 'data:' .. id)
        redis.call('PEXPIREAT', p .. 'data:' .. id, ARGV[8])
        redis.call('SET', p .. 'meta:' .. id, ARGV[5], 'PXAT', ARGV[8])
        local s = stamp(now)
        redis.call('ZADD', p .. 'lru', s, id)
        redis.call('ZADD', p .. 'expiry', ARGV[7], id)
        redis.call('HSET', p .. 'sizes', id, size)
        redis.call('INCRBY', p .. 'bytes', size)
        local capacity = tonumber(ARGV[9])
        while tonumber(redis.call('GET', p .. 'bytes')) > capacity do
          local oldest = redis.call('ZRANGE', p .. 'lru', 0, 0)[1]
          if not oldest or oldest == id then break end
          drop(oldest)
          removed = removed + 1
        end
        local u = usage()
        return {s, removed, u[1], u[2]}
        """;

    /// <summary>ARGV: prefix, now, id. Marks a live entry used: {1, stamp, header}; else {0, 1 when an expired entry was cleared}.</summary>
    public const string Touch = Prelude + """
        local id = ARGV[3]
        local meta = redis.call('GET', p .. 'meta:' .. id)
        if not meta then
          if redis.call('ZSCORE', p .. 'lru', id) then drop(id) return {0, 1} end
          return {0, 0}
        end
        local s = stamp(ARGV[2])
        redis.call('ZADD', p .. 'lru', s, id)
        return {1, s, meta}
        """;

    /// <summary>ARGV: prefix, now, id. Removes an entry: {1 when it was live, entries, bytes}.</summary>
    public const string Delete = Prelude + """
        local id = ARGV[3]
        local live = redis.call('EXISTS', p .. 'meta:' .. id)
        if redis.call('ZSCORE', p .. 'lru', id) then drop(id) end
        local u = usage()
        return {live, u[1], u[2]}
        """;

    /// <summary>ARGV: prefix, now. Removes expired entries: {count, entries, bytes}.</summary>
    public const string Sweep = Prelude + """
        local n = sweep(ARGV[2])
        local u = usage()
        return {n, u[1], u[2]}
        """;
}
