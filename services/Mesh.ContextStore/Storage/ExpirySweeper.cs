using Mesh.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.ContextStore.Storage;

/// <summary>Once the backend has loaded, removes expired entries every <see cref="ContextStoreOptions.SweepInterval"/>.</summary>
public sealed class ExpirySweeper(ModelHost<IContextBackend> host, IOptions<ContextStoreOptions> options, TimeProvider time,
                                  ILogger<ExpirySweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IContextBackend backend;
        try
        {
            backend = await host.WhenLoadedAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return; // stopped before the backend loaded
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
