using Mesh.Segmentation.Grpc;
using Mesh.ServiceDefaults;
using Mesh.ServiceDefaults.Health;
using Mesh.TestKit;
using Microsoft.AspNetCore.Builder;

namespace Mesh.Segmentation.Tests;

/// <summary>The segmentation service on loopback with the scene segmenter (images up to 64 KiB), ready before tests run.</summary>
public sealed class SegmentationHost : IAsyncLifetime
{
    public ServiceHost Host { get; private set; } = null!;
    public Contracts.Segmentation.V1.Segmentation.SegmentationClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await Start(new Dictionary<string, string?> { ["ImageLimits:MaxBytes"] = "65536" });
        Client = new Contracts.Segmentation.V1.Segmentation.SegmentationClient(Host.Channel);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>A host with <paramref name="settings"/>; waits for readiness unless <paramref name="waitUntilReady"/> is false.</summary>
    public static async Task<ServiceHost> Start(IReadOnlyDictionary<string, string?> settings, bool waitUntilReady = true)
    {
        var host = await ServiceHost.StartAsync(b => { b.AddServiceDefaults(); b.AddSegmentation(); },
                                                app => { app.MapDefaultEndpoints(); app.MapGrpcService<SegmentationService>(); }, settings);
        var readiness = host.Get<ServiceReadiness>();
        if (waitUntilReady) await Polling.UntilAsync(() => readiness.IsReady, "the segmenter is loaded");
        return host;
    }
}
