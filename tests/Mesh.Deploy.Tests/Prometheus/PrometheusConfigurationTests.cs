using Mesh.Catalog;
using YamlDotNet.Serialization;

namespace Mesh.Deploy.Tests.Prometheus;

/// <summary>deploy/prometheus passes promtool's checks and unit tests and scrapes every service of the catalog.</summary>
public sealed class PrometheusConfigurationTests
{
    [Fact]
    public void PromtoolAcceptsTheConfigurationAndTheRules()
    {
        var config = Promtool.Run("check", "config", Path.Combine(Promtool.Folder, "prometheus.yml"));
        var rules = Promtool.Run("check", "rules", Promtool.AlertsPath);

        Assert.True(config.ExitCode == 0, config.Output);
        Assert.True(rules.ExitCode == 0, rules.Output);
        Assert.Contains("SUCCESS: 8 rules found", rules.Output);
    }

    [Fact]
    public void EveryAlertPassesItsUnitTests()
    {
        var (exit, output) = Promtool.Run("test", "rules", Path.Combine(Promtool.Folder, "tests", "mesh-alerts.test.yml"));

        Assert.True(exit == 0, output);
        Assert.Contains("SUCCESS", output);
    }

    [Fact]
    public void EveryAlertHasAUnitTest()
    {
        var alerts = File.ReadAllLines(Promtool.AlertsPath).Where(l => l.Trim().StartsWith("- alert:")).Select(l => l.Split(':')[1].Trim());
        string tests = File.ReadAllText(Path.Combine(Promtool.Folder, "tests", "mesh-alerts.test.yml"));

        Assert.All(alerts, alert => Assert.Contains($"alertname: {alert}", tests));
    }

    [Fact]
    public void EveryServiceIsScrapedOnItsManagementPortUnderItsCatalogName()
    {
        var config = (Dictionary<object, object>)new DeserializerBuilder().Build().Deserialize(File.ReadAllText(Path.Combine(Promtool.Folder, "prometheus.yml")))!;
        var jobs = ((List<object>)config["scrape_configs"]).Cast<Dictionary<object, object>>().ToDictionary(
            job => (string)job["job_name"],
            job => ((List<object>)((Dictionary<object, object>)((List<object>)job["static_configs"])[0])["targets"]).Cast<string>().Single());

        var services = MeshServices.Backends.Append(MeshServices.Gateway).ToList();
        Assert.Equal(services.Select(s => s.Name).Order(), jobs.Keys.Order());
        foreach (var service in services)
            Assert.Equal($"{service.Name}:{service.ManagementPort}", jobs[service.Name]);
    }
}
