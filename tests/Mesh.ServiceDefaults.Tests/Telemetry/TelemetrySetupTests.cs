using HealthClient = Grpc.Health.V1.Health.HealthClient;
using System.Diagnostics;
using Grpc.Health.V1;
using Mesh.ServiceDefaults.Telemetry;
using Mesh.TestKit;

namespace Mesh.ServiceDefaults.Tests.Telemetry;

public class TelemetrySetupTests
{
    [Fact]
    public async Task MetricsExposesMeshInstrumentsInPrometheusFormat()
    {
        await using var host = await DefaultsHost.StartAsync();
        var telemetry = host.Get<MeshTelemetry>();
        telemetry.TimeToFirstToken.Record(0.25);
        telemetry.VisionCacheHits.Add(3);
        telemetry.QueueDepth.Add(2, new KeyValuePair<string, object?>(MeshTelemetry.Tags.Queue, "decoder"));

        string text = await host.Management.GetStringAsync(TelemetrySetup.MetricsPath);

        Assert.Contains("mesh_decoder_time_to_first_token_seconds_bucket", text);
        Assert.Contains("mesh_vision_cache_hits_total", text);
        Assert.Contains("mesh_queue_depth{", text);
        Assert.Contains("mesh_queue=\"decoder\"", text);
    }

    [Fact]
    public async Task TheCallersTraceContinuesOnTheServer()
    {
        var seen = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => { lock (seen) seen.Add(activity); },
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = await DefaultsHost.StartAsync();
        var client = new HealthClient(host.Channel);

        // A caller inside a trace (the gateway, the decoder): its gRPC client sends a W3C traceparent.
        using var caller = new Activity("caller").SetIdFormat(ActivityIdFormat.W3C).Start();
        await client.CheckAsync(new HealthCheckRequest());
        caller.Stop();

        // The server's request activity stops just after the response is sent.
        await Polling.UntilAsync(() => { lock (seen) return seen.Any(activity => activity.TraceId == caller.TraceId); },
            "the server's request activity carries the caller's trace id");
    }
}
