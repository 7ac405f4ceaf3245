using System.ComponentModel.DataAnnotations;

namespace Mesh.Gateway.Options;

/// <summary>
/// Per-client rate limits on forwarded calls (section <c>Gateway:RateLimits</c>): a token bucket per API key name
/// (per client address when keys are off). A call over the limit gets RESOURCE_EXHAUSTED (HTTP 429 for JSON) and
/// never reaches a service. Off by default for local runs; deployments turn it on with the keys.
/// </summary>
public sealed record RateLimitOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = GatewayOptions.Section + ":RateLimits";

    /// <summary>Whether calls are limited.</summary>
    public bool Enabled { get; init; }

    /// <summary>Bucket size: the most calls a client may make in a burst; 1 to 1,000,000.</summary>
    [Range(1, 1_000_000)]
    public int BurstCalls { get; init; } = 20;

    /// <summary>Calls added back to each bucket every <see cref="Period"/>; 1 to 1,000,000.</summary>
    [Range(1, 1_000_000)]
    public int CallsPerPeriod { get; init; } = 10;

    /// <summary>Refill period; 10 ms to 1 h.</summary>
    [Range(typeof(TimeSpan), "00:00:00.01", "01:00:00")]
    public TimeSpan Period { get; init; } = TimeSpan.FromSeconds(1);
}
