using System.ComponentModel.DataAnnotations;
using Mesh.ServiceDefaults.Queueing;

namespace Mesh.ContextStore;

/// <summary>Where contexts are kept.</summary>
public enum ContextStoreBackend
{
    /// <summary>An index in memory and one checksummed file per entry under <see cref="ContextStoreOptions.DataDirectory"/>.</summary>
    Embedded,
    /// <summary>Redis at <see cref="ContextStoreOptions.RedisConnectionString"/>, shared by replicas.</summary>
    Redis,
}

/// <summary>
/// The context store's settings, bound from the <c>ContextStore</c> section (environment:
/// <c>ContextStore__Backend=Redis</c>, <c>ContextStore__CapacityBytes=...</c>). Chunk sizes come from
/// <c>GrpcLimits:ChunkBytes</c>, the one place they are set.
/// </summary>
public sealed record ContextStoreOptions : IValidatableObject
{
    public const string Section = "ContextStore";

    /// <summary>Embedded (default) or Redis.</summary>
    public ContextStoreBackend Backend { get; init; } = ContextStoreBackend.Embedded;

    /// <summary>
    /// Embedded backend's folder. Empty: <c>mesh/context-store</c> under the user's local data folder
    /// (<c>$XDG_DATA_HOME</c> or <c>~/.local/share</c>), so contexts outlive a reboot; under the temp folder
    /// only when the user has no home (some containers: mount a volume and set this instead).
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>; required for the Redis backend.</summary>
    public string? RedisConnectionString { get; init; }

    /// <summary>Prefix of every Redis key of this store; stores with different prefixes share one Redis without meeting.</summary>
    [Required, RegularExpression("^[A-Za-z0-9:._-]{1,64}$")]
    public string RedisKeyPrefix { get; init; } = "mesh:contexts";

    /// <summary>Bytes of blobs kept at most; least recently used entries are evicted beyond it. Default 2 GiB.</summary>
    [Range(1L, long.MaxValue)]
    public long CapacityBytes { get; init; } = 2L << 30;

    /// <summary>Largest blob accepted, in bytes; at most the capacity. Default 256 MiB (Redis values stop at 512 MB).</summary>
    [Range(1L, 512L << 20)]
    public long MaxEntryBytes { get; init; } = 256L << 20;

    /// <summary>How long an entry lives when its Put gives no TTL. Default 24 hours.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan DefaultTtl { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The longest TTL a Put may ask for. Default 30 days.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan MaxTtl { get; init; } = TimeSpan.FromDays(30);

    /// <summary>How often expired entries are removed when nothing else removes them first.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets streamed at once, and how many may wait (<c>ContextStore:Queue</c>); I/O, not a model, so 16 by default.</summary>
    public RequestQueueOptions Queue { get; init; } = new() { MaxConcurrency = 16, MaxWaiting = 256 };

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxEntryBytes > CapacityBytes)
            yield return new ValidationResult(
                $"ContextStore:MaxEntryBytes {MaxEntryBytes} is over ContextStore:CapacityBytes {CapacityBytes}; an entry must fit in the store.",
                [nameof(MaxEntryBytes)]);
        if (DefaultTtl > MaxTtl)
            yield return new ValidationResult($"ContextStore:DefaultTtl {DefaultTtl} is over ContextStore:MaxTtl {MaxTtl}.", [nameof(DefaultTtl)]);
        if (Backend == ContextStoreBackend.Redis && string.IsNullOrWhiteSpace(RedisConnectionString))
            yield return new ValidationResult(
                "ContextStore:Backend is Redis but ContextStore:RedisConnectionString is empty; set it, e.g. 127.0.0.1:6379.", [nameof(RedisConnectionString)]);

        var queue = new List<ValidationResult>();
        Validator.TryValidateObject(Queue, new ValidationContext(Queue), queue, validateAllProperties: true);
        foreach (var result in queue)
            yield return new ValidationResult($"ContextStore:Queue: {result.ErrorMessage}", result.MemberNames.Select(m => $"{nameof(Queue)}.{m}"));
    }

    /// <summary>The embedded backend's folder as configured or defaulted (see <see cref="DataDirectory"/>).</summary>
    public string ResolveDataDirectory()
    {
        if (!string.IsNullOrWhiteSpace(DataDirectory)) return DataDirectory;
        string data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return Path.Combine(string.IsNullOrEmpty(data) ? Path.GetTempPath() : data, "mesh", "context-store");
    }
}
