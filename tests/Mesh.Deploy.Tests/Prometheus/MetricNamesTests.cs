using Mesh.Deploy.Tests.Grafana;
using YamlDotNet.Serialization;

namespace Mesh.Deploy.Tests.Prometheus;

/// <summary>Every PromQL expression of the alert rules and of the dashboard reads series the services really export.</summary>
public sealed class MetricNamesTests
{
    public static TheoryData<string, string> Expressions()
    {
        var data = new TheoryData<string, string>();
        foreach (var (source, expression) in AlertExpressions().Concat(Dashboard.Expressions())) data.Add(source, expression);
        return data;
    }

    [Theory]
    [MemberData(nameof(Expressions))]
    public async Task EachExpressionReadsExportedMetricsAndLabels(string source, string expression)
    {
        var (metrics, labels) = await ExportedMetrics.GetAsync();

        var unknownMetrics = PromQl.Metrics(expression).Where(m => !metrics.Contains(m)).ToList();
        var unknownLabels = PromQl.Labels(expression).Where(l => !labels.Contains(l)).ToList();
        Assert.True(unknownMetrics.Count == 0, $"{source} reads metrics no service exports: {string.Join(", ", unknownMetrics)}");
        Assert.True(unknownLabels.Count == 0, $"{source} reads labels no series has: {string.Join(", ", unknownLabels)}");
    }

    [Fact]
    public async Task TheScrapeHoldsEveryMeshInstrumentAndTheHttpServerMetrics()
    {
        var (metrics, _) = await ExportedMetrics.GetAsync();

        Assert.Contains("mesh_decoder_time_to_first_token_seconds_bucket", metrics);
        Assert.Contains("mesh_queue_rejected_total", metrics);
        Assert.Contains("mesh_context_store_size_bytes", metrics);
        Assert.Contains("http_server_request_duration_seconds_count", metrics);
        Assert.DoesNotContain("mesh_decoder_kv_cache_bytes", metrics);
    }

    static IEnumerable<(string, string)> AlertExpressions()
    {
        var rules = (Dictionary<object, object>)new DeserializerBuilder().Build().Deserialize(File.ReadAllText(Promtool.AlertsPath))!;
        foreach (Dictionary<object, object> group in (List<object>)rules["groups"])
            foreach (Dictionary<object, object> rule in (List<object>)group["rules"])
                yield return ($"alert {rule["alert"]}", (string)rule["expr"]);
    }
}
