using System.Globalization;
using System.Threading.RateLimiting;
using Grpc.Core;
using Mesh.Gateway.Options;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Mesh.Gateway.Security;

/// <summary>
/// Per-client token buckets (<see cref="RateLimitOptions"/>): the partition is the API key's name when the caller
/// authenticated, else its address. A refused call gets RESOURCE_EXHAUSTED (HTTP 429 with Retry-After for JSON).
/// </summary>
public static class RateLimits
{
    /// <summary>Rate limiter policy of the forwarded routes when limits are on.</summary>
    public const string Policy = "per-key";

    /// <summary>Registers the policy and its rejection response.</summary>
    public static IServiceCollection AddGatewayRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter(PartitionOf(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.BurstCalls,
                    TokensPerPeriod = options.CallsPerPeriod,
                    ReplenishmentPeriod = options.Period,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = (rejected, _) =>
            {
                var context = rejected.HttpContext;
                var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                string message = $"rate limit of '{PartitionOf(context)}' reached: {options.CallsPerPeriod} calls per {options.Period} "
                    + $"in bursts of at most {options.BurstCalls}; retry later";
                return new ValueTask(CallErrors.WriteAsync(context, StatusCode.ResourceExhausted, StatusCodes.Status429TooManyRequests, message));
            };
        });

    static string PartitionOf(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } key } ? $"key {key}" : $"address {context.Connection.RemoteIpAddress}";
}
