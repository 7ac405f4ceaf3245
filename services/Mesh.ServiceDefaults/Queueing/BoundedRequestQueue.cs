using System.Diagnostics;
using System.Threading.RateLimiting;
using Mesh.ServiceDefaults.Grpc;
using Mesh.ServiceDefaults.Telemetry;

namespace Mesh.ServiceDefaults.Queueing;

/// <summary>
/// Admits at most <see cref="RequestQueueOptions.MaxConcurrency"/> requests at once and lets at most
/// <see cref="RequestQueueOptions.MaxWaiting"/> wait, oldest first; one more gets RESOURCE_EXHAUSTED.
/// A waiting request whose call is cancelled leaves the queue. Records <c>mesh.queue.depth</c>,
/// <c>mesh.queue.wait</c> and <c>mesh.queue.rejected</c> tagged with the queue's name.
/// </summary>
public sealed class BoundedRequestQueue : IDisposable
{
    readonly ConcurrencyLimiter _limiter;
    readonly RequestQueueOptions _options;
    readonly MeshTelemetry _telemetry;
    readonly KeyValuePair<string, object?> _tag;

    /// <summary>Creates the queue named <paramref name="name"/> (the service) with <paramref name="options"/>.</summary>
    public BoundedRequestQueue(string name, RequestQueueOptions options, MeshTelemetry telemetry)
    {
        _options = options;
        _telemetry = telemetry;
        _tag = new(MeshTelemetry.Tags.Queue, name);
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.MaxConcurrency,
            QueueLimit = options.MaxWaiting,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Requests waiting now.</summary>
    public long Waiting => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    /// <summary>Requests holding a slot now.</summary>
    public long Running => _options.MaxConcurrency - (_limiter.GetStatistics()?.CurrentAvailablePermits ?? 0);

    /// <summary>
    /// Waits for a slot; dispose the result to free it. Throws RESOURCE_EXHAUSTED when the queue is full and
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires while waiting.
    /// </summary>
    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        _telemetry.QueueDepth.Add(1, _tag);
        RateLimitLease lease;
        try
        {
            lease = await _limiter.AcquireAsync(1, cancellationToken);
        }
        finally
        {
            _telemetry.QueueDepth.Add(-1, _tag);
        }
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            _telemetry.QueueRejected.Add(1, _tag);
            RpcErrors.ResourceExhausted("request queue",
                $"The server is busy: {_options.MaxConcurrency} requests are running and {_options.MaxWaiting} waiting, " +
                "the most it allows; retry later.");
        }
        _telemetry.QueueWait.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, _tag);
        return lease;
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
