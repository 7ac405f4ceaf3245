using Mesh.TestKit;
using YamlDotNet.Serialization;

namespace Mesh.Deploy.Tests.Grafana;

/// <summary>The dashboard is templated by data source, service and instance, and Grafana's provisioning loads it.</summary>
public sealed class DashboardTests
{
    [Fact]
    public void EveryPanelQueriesTheChosenDataSourceServiceAndInstance()
    {
        var dashboard = Dashboard.Load();
        var variables = dashboard["templating"]!["list"]!.AsArray().Select(v => (string)v!["name"]!);

        Assert.Equal(["datasource", "job", "instance"], variables);
        foreach (var (_, expression) in Dashboard.Expressions())
        {
            Assert.Contains("job=~\"$job\"", expression);
            Assert.Contains("instance=~\"$instance\"", expression);
        }
        Assert.All(dashboard["panels"]!.AsArray().Where(p => (string)p!["type"]! != "row"),
            panel => Assert.Equal("${datasource}", (string)panel!["datasource"]!["uid"]!));
    }

    [Fact]
    public void ThePanelsCoverWhatAnOperatorWatches()
    {
        var titles = Dashboard.Load()["panels"]!.AsArray().Select(p => (string)p!["title"]!).ToList();

        string[] expected = ["Calls per second", "HTTP 5xx ratio", "Time to first token", "Inter-token latency", "Tokens per second",
            "Waiting requests", "Refused by a full queue", "Trace bytes per token", "Vision cache hit ratio", "Context store bytes", "Judge F1"];
        Assert.All(expected, title => Assert.Contains(title, titles));
    }

    [Fact]
    public void GrafanasProvisioningLoadsTheDashboardFolderFromThePrometheusDataSource()
    {
        string grafana = Path.Combine(TinyLlava.RepoRoot, "deploy", "grafana", "provisioning");
        var yaml = new DeserializerBuilder().Build();
        var dashboards = (Dictionary<object, object>)yaml.Deserialize(File.ReadAllText(Path.Combine(grafana, "dashboards", "mesh.yml")))!;
        var sources = (Dictionary<object, object>)yaml.Deserialize(File.ReadAllText(Path.Combine(grafana, "datasources", "prometheus.yml")))!;

        var provider = (Dictionary<object, object>)((List<object>)dashboards["providers"]).Single();
        Assert.Equal("/var/lib/grafana/dashboards", ((Dictionary<object, object>)provider["options"])["path"]);
        var source = (Dictionary<object, object>)((List<object>)sources["datasources"]).Single();
        Assert.Equal(("prometheus", "http://prometheus:9090"), ((string)source["type"], (string)source["url"]));
    }
}
