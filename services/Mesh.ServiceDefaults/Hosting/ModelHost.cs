using Mesh.ServiceDefaults.Grpc;
using Mesh.ServiceDefaults.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesh.ServiceDefaults.Hosting;

/// <summary>
/// Loads a service's model in the background when the host starts; the service is ready once it is loaded and
/// every request before then gets UNAVAILABLE. One failure policy for every Mesh service:
/// <list type="bullet">
/// <item>A failed load is logged as an error with its exception. <c>/health/ready</c> (and gRPC health) stays 503 /
/// NOT_SERVING with "loading {source} failed: {reason}; retrying in {delay}" as the check's description, and every
/// request answers UNAVAILABLE naming the service, the source and the reason, with a <c>RetryInfo</c>.</item>
/// <item>The load is tried again after 2 s, doubling up to 1 min, until it works or the host stops. The process never
/// exits over it and <c>/health/live</c> stays 200.</item>
/// <item>Settings that cannot work are refused before any of this: options validation stops the start, and the
/// process exits non-zero, since no retry can fix a wrong setting.</item>
/// </list>
/// </summary>
/// <remarks>
/// Why not exit on a failed load, for a Kubernetes operator: an exit turns a missing model file or an unreachable
/// Redis into CrashLoopBackOff, whose reason is only in the previous container's log, with /metrics and health gone
/// with it, and each restart pays the start-up again. Staying up but not ready stops a rollout just as well (the new
/// pods never become Ready, the old ones keep serving), while the reason is one <c>curl /health/ready</c> away and in
/// every error a client gets; and when the cause goes away (Redis comes up, the model volume is filled) the next try
/// makes the pod Ready with no restart. The liveness probe therefore points at <c>/health/live</c>, never at ready.
/// </remarks>
public sealed class ModelHost<TModel>(IModelLoader<TModel> loader, ServiceReadiness readiness, TimeProvider time,
                                      ILogger<ModelHost<TModel>> logger) : BackgroundService where TModel : class
{
    /// <summary>The first wait after a failed load, and the longest.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(2), LastRetry = TimeSpan.FromMinutes(1);

    static readonly TimeSpan RetryWhileLoading = TimeSpan.FromSeconds(1);

    // What a request before the load gets: the UNAVAILABLE message and when to retry.
    sealed record State(TModel? Model, string Unavailable, TimeSpan RetryAfter);

    readonly TaskCompletionSource<TModel> _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    volatile State _state = new(null, $"{loader.Service} is still loading {loader.Source}; retry shortly (see /health/ready).", RetryWhileLoading);

    /// <summary>The loaded model; UNAVAILABLE, saying why, before it is loaded.</summary>
    public TModel Model
    {
        get
        {
            var state = _state;
            if (state.Model is { } model) return model;
            RpcErrors.Unavailable(state.Unavailable, state.RetryAfter);
            return null;
        }
    }

    /// <summary>The model, or null before it is loaded.</summary>
    public TModel? Loaded => _state.Model;

    /// <summary>Completes with the model once it is loaded (for work that starts after the load, such as a sweeper).</summary>
    public Task<TModel> WhenLoadedAsync(CancellationToken cancellationToken) => _loaded.Task.WaitAsync(cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        readiness.MarkFailed($"starting: loading {loader.Source}");
        for (var delay = FirstRetry; ; delay = Min(delay * 2, LastRetry))
        {
            try
            {
                var model = await Task.Run(() => loader.LoadAsync(stoppingToken), stoppingToken);
                string description = loader.Describe(model);
                _state = new State(model, "", TimeSpan.Zero);
                readiness.MarkReady(description);
                logger.LogInformation("{Service} is ready: {Description}", loader.Service, description);
                _loaded.TrySetResult(model);
                return;
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                string reason = $"loading {loader.Source} failed: {e.Message}";
                _state = new State(null, $"{loader.Service} is not ready: {reason} (next try in {delay.TotalSeconds:0} s).", delay);
                readiness.MarkFailed($"{reason}; retrying in {delay.TotalSeconds:0} s");
                logger.LogError(e, "{Service}: loading {Source} failed; retrying in {Delay}", loader.Service, loader.Source, delay);
            }
            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        _loaded.TrySetCanceled(CancellationToken.None);
        if (_state.Model is { } model)
        {
            _state = new State(null, $"{loader.Service} is shutting down.", RetryWhileLoading);
            await loader.UnloadAsync(model);
        }
    }

    static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
