using StackExchange.Redis;

namespace Mesh.ContextStore.Storage.Redis;

/// <summary>
/// The Redis keys of one store, all under <c>{prefix}:</c> (the braces are a Redis Cluster hash tag, so
/// the store's scripts touch one slot): <c>data:&lt;id&gt;</c> (blob) and <c>meta:&lt;id&gt;</c> (header)
/// expiring with the entry; <c>lru</c> and <c>expiry</c> (sorted sets of ids by access stamp and by expiry,
/// in microseconds); <c>sizes</c> (hash of id to bytes); <c>bytes</c> (their sum); <c>upload:&lt;random&gt;</c>
/// (a Put in progress). Ids enter keys only after <see cref="ContextId.Parse"/>.
/// </summary>
public sealed class RedisKeys(string prefix)
{
    /// <summary>How long an unfinished Put's upload key survives its last chunk.</summary>
    public static readonly TimeSpan UploadIdle = TimeSpan.FromMinutes(10);

    /// <summary>The prefix every key starts with, as the scripts receive it.</summary>
    public string Prefix { get; } = "{" + prefix + "}:";

    /// <summary>Ids by access stamp.</summary>
    public RedisKey Lru => Prefix + "lru";

    /// <summary>The blob of <paramref name="id"/>.</summary>
    public RedisKey Data(ContextId id) => Prefix + "data:" + id.Value;

    /// <summary>The header of <paramref name="id"/> (a ContextEntry without its last access).</summary>
    public RedisKey Meta(ContextId id) => Prefix + "meta:" + id.Value;

    /// <summary>A fresh key for a Put in progress.</summary>
    public RedisKey NewUpload() => Prefix + "upload:" + ContextId.NewRandom().Value;
}
