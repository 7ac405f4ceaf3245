using Mesh.ServiceDefaults.Grpc;
using Mesh.ServiceDefaults.Health;
using Microsoft.Extensions.Options;

namespace Mesh.ContextStore.Storage;

/// <summary>
/// Brings the backend up in the background (the embedded index is rebuilt from disk; Redis is
/// connected), retrying until it works; readiness turns on then. Afterwards sweeps expired entries
/// every <see cref="ContextStoreOptions.SweepInterval"/>. Requests before then get UNAVAILABLE.
/// </summary>
public sealed class BackendHost(IContextBackend backend, ServiceReadiness readiness, IOptions<ContextStoreOptions> options,
                                TimeProvider time, ILogger<BackendHost> logger) : BackgroundService
{
    static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    volatile bool _loaded;

    /// <summary>The backend once loaded, or UNAVAILABLE before.</summary>
    public IContextBackend Backend
    {
        get
        {
            if (!_loaded) RpcErrors.Unavailable($"the context store is not ready: {readiness.Description}", RetryDelay);
            return backend;
        }
    }

    /// <summary>Whether the backend has loaded.</summary>
    public bool IsLoaded => _loaded;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        readiness.MarkFailed($"starting: loading the {options.Value.Backend} backend");
        while (!_loaded)
        {
            try
            {
                await backend.InitializeAsync(stoppingToken);
                _loaded = true;
                readiness.MarkReady(backend.Describe());
                logger.LogInformation("Context store ready: {Store}", backend.Describe());
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                readiness.MarkFailed($"the {options.Value.Backend} backend did not load: {e.Message}; retrying");
                logger.LogError(e, "Loading the {Backend} backend failed; retrying in {Delay}", options.Value.Backend, RetryDelay);
                await Task.Delay(RetryDelay, time, stoppingToken);
            }
        }

        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await backend.SweepExpiredAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Sweeping expired contexts failed; trying again in {Interval}", options.Value.SweepInterval);
            }
        }
    }
}
