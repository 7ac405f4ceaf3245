using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Mesh.ServiceDefaults;
using Mesh.ServiceDefaults.Health;
using Mesh.ServiceDefaults.Telemetry;
using Mesh.TestKit;

namespace Mesh.Deploy.Tests.Prometheus;

/// <summary>
/// The sample and label names a Mesh service really exports at /metrics: a host with the services' defaults
/// (ServiceDefaults: OpenTelemetry's Prometheus exporter, ASP.NET Core and HttpClient metrics) after one
/// measurement on every <see cref="MeshTelemetry"/> instrument and an HTTP request, scraped like Prometheus does.
/// </summary>
public static partial class ExportedMetrics
{
    static readonly Lazy<Task<(IReadOnlySet<string> Metrics, IReadOnlySet<string> Labels)>> Scrape = new(ScrapeAsync);

    /// <summary>Labels Prometheus adds to every scraped series.</summary>
    public static readonly IReadOnlySet<string> TargetLabels = new HashSet<string> { "job", "instance" };

    /// <summary>Sample names (<c>_bucket</c>, <c>_total</c> included) and label names, plus Prometheus's own <c>up</c>.</summary>
    public static Task<(IReadOnlySet<string> Metrics, IReadOnlySet<string> Labels)> GetAsync() => Scrape.Value;

    static async Task<(IReadOnlySet<string>, IReadOnlySet<string>)> ScrapeAsync()
    {
        await using var host = await ServiceHost.StartAsync(builder => builder.AddServiceDefaults(), app => app.MapDefaultEndpoints());
        var telemetry = host.Get<MeshTelemetry>();
        var tags = new KeyValuePair<string, object?>(MeshTelemetry.Tags.Queue, "decoder");
        foreach (var property in typeof(MeshTelemetry).GetProperties())
        {
            switch (property.GetValue(telemetry))
            {
                case Counter<long> counter: counter.Add(1, tags); break;
                case UpDownCounter<long> upDown: upDown.Add(1, tags); break;
                case Histogram<double> histogram: histogram.Record(0.5, tags); break;
                case Histogram<long> histogram: histogram.Record(1, tags); break;
                default: throw new InvalidOperationException($"MeshTelemetry.{property.Name} is an instrument this scrape does not measure yet.");
            }
        }
        host.Get<ServiceReadiness>().MarkReady(); // what a service's model host does once its model is loaded
        (await host.Management.GetAsync("/health/ready")).EnsureSuccessStatusCode();
        // A request is counted as it ends, which may be a moment after its client has the response.
        string text = "";
        await Polling.UntilAsync(() =>
        {
            text = host.Management.GetStringAsync("/metrics").GetAwaiter().GetResult();
            return text.Contains("http_route=\"/health/ready\"");
        }, "the readiness request is counted");

        var samples = text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').ToList();
        var metrics = samples.Select(l => SampleName().Match(l).Value).Append("up").ToHashSet();
        var labels = samples.SelectMany(l => LabelName().Matches(l).Select(m => m.Groups["label"].Value)).Concat(TargetLabels).ToHashSet();
        return (metrics, labels);
    }

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SampleName();

    [GeneratedRegex(@"[{,](?<label>[a-zA-Z_][a-zA-Z0-9_]*)=""")]
    private static partial Regex LabelName();
}
