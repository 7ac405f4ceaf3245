using Mesh.ServiceDefaults;
using Mesh.ServiceDefaults.Health;
using Mesh.TestKit;
using Mesh.VisionEncoder.Grpc;
using Microsoft.AspNetCore.Builder;

namespace Mesh.VisionEncoder.Tests;

/// <summary>The vision-encoder service as Program.cs builds it, on loopback, with the parity fixture model.</summary>
internal static class VisionHost
{
    /// <summary>Starts the service; unless <paramref name="waitUntilReady"/> is false, returns once the model is loaded.</summary>
    public static async Task<ServiceHost> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? replace = null, bool waitUntilReady = true)
    {
        var merged = new Dictionary<string, string?> { ["VisionEncoder:Device"] = "Cpu", ["VisionEncoder:ModelDirectory"] = TinyLlava.Directory };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) merged[key] = value;
        var host = await ServiceHost.StartAsync(
            builder =>
            {
                builder.AddServiceDefaults();
                builder.AddVisionEncoder();
                replace?.Invoke(builder);
            },
            app =>
            {
                app.MapDefaultEndpoints();
                app.MapGrpcService<VisionEncoderService>();
            },
            merged);
        if (waitUntilReady)
        {
            var readiness = host.Get<ServiceReadiness>();
            await Polling.UntilAsync(() => readiness.IsReady, "the vision model is loaded");
        }
        return host;
    }
}
