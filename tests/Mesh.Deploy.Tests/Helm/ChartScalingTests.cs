using k8s.Models;
using Mesh.ContextStore;
using Mesh.Gateway.Options;
using Mesh.TestKit;
using Microsoft.Extensions.Configuration;
using static Mesh.Deploy.Tests.Helm.ChartServicesTests;

namespace Mesh.Deploy.Tests.Helm;

/// <summary>What the chart's values switch: Redis behind a scaled store, the decoder's autoscaler, keys, GPUs, monitoring.</summary>
public sealed class ChartScalingTests
{
    [Fact]
    public void OneStoreReplicaKeepsItsContextsOnAVolumeWithoutRedis()
    {
        var chart = Chart.Render();
        var container = ContainerOf(chart, "context-store");

        var options = Bind<ContextStoreOptions>(Environment(container), ContextStoreOptions.Section);
        Assert.Equal(ContextStoreBackend.Embedded, options.Backend);
        Assert.Contains(container.VolumeMounts, m => m.MountPath == options.DataDirectory);
        Assert.DoesNotContain(chart.Objects, o => o.Name == "mesh-redis");
    }

    [Fact]
    public void SeveralStoreReplicasShareTheChartsRedis()
    {
        var chart = Chart.Render("scaled-values.yaml");
        var store = chart.Find<V1Deployment>("Deployment", "mesh-context-store")!;

        var options = Bind<ContextStoreOptions>(Environment(Assert.Single(store.Spec.Template.Spec.Containers)), ContextStoreOptions.Section);
        Assert.Equal(3, store.Spec.Replicas);
        Assert.Equal(ContextStoreBackend.Redis, options.Backend);
        Assert.Equal("mesh-redis:6379", options.RedisConnectionString);
        var redis = chart.Find<V1Service>("Service", "mesh-redis")!;
        Assert.Equal(6379, Assert.Single(redis.Spec.Ports).Port);
        Assert.NotNull(chart.Find<V1Deployment>("Deployment", "mesh-redis"));
    }

    [Fact]
    public void AnExternalRedisIsUsedEvenByOneStoreReplica()
    {
        var chart = Chart.Render("external-redis-values.yaml");

        var options = Bind<ContextStoreOptions>(Environment(ContainerOf(chart, "context-store")), ContextStoreOptions.Section);
        Assert.Equal(ContextStoreBackend.Redis, options.Backend);
        Assert.Equal("redis.shared.svc:6379", options.RedisConnectionString);
        Assert.DoesNotContain(chart.Objects, o => o.Name == "mesh-redis");
    }

    [Fact]
    public void TheDecoderScalesByItsAutoscalerUnlessItsCountIsFixed()
    {
        var chart = Chart.Render();
        var hpa = chart.Find<V2HorizontalPodAutoscaler>("HorizontalPodAutoscaler", "mesh-decoder")!;

        Assert.Equal("Deployment", hpa.Spec.ScaleTargetRef.Kind);
        Assert.Equal("mesh-decoder", hpa.Spec.ScaleTargetRef.Name);
        Assert.Equal(1, hpa.Spec.MinReplicas);
        Assert.Equal(4, hpa.Spec.MaxReplicas);
        Assert.Equal(70, Assert.Single(hpa.Spec.Metrics).Resource.Target.AverageUtilization);
        Assert.Null(chart.Find<V1Deployment>("Deployment", "mesh-decoder")!.Spec.Replicas);

        var fixedCount = Chart.Render("external-redis-values.yaml");
        Assert.DoesNotContain(fixedCount.Objects, o => o.Kind == "HorizontalPodAutoscaler");
        Assert.Equal(3, fixedCount.Find<V1Deployment>("Deployment", "mesh-decoder")!.Spec.Replicas);
    }

    [Fact]
    public void TheGatewaysKeysComeFromASecretItsOptionsAccept()
    {
        var chart = Chart.Render("scaled-values.yaml");
        var gateway = ContainerOf(chart, "gateway");
        var secret = chart.Find<V1Secret>("Secret", "mesh-api-keys")!;

        Assert.Equal("mesh-api-keys", Assert.Single(gateway.EnvFrom).SecretRef.Name);
        var settings = Environment(gateway);
        foreach (var (key, value) in secret.StringData) settings[key.Replace("__", ":")] = value;
        var options = Bind<ApiKeyOptions>(settings, ApiKeyOptions.Section);
        Assert.True(options.Enabled);
        Assert.Equal(["ci", "lab"], options.Keys.Keys.Order());
        Assert.Empty(options.Validate(new(options)));
    }

    [Fact]
    public void AGpuDecoderRequestsAGpuAndRunsTheCudaImage()
    {
        var decoder = ContainerOf(Chart.Render("scaled-values.yaml"), "decoder");
        var judge = ContainerOf(Chart.Render("scaled-values.yaml"), "judge");

        Assert.Equal("1", decoder.Resources.Limits["nvidia.com/gpu"].ToString());
        Assert.EndsWith("-cuda", decoder.Image);
        Assert.False(judge.Resources.Limits.ContainsKey("nvidia.com/gpu"));
        Assert.DoesNotContain("nvidia.com/gpu", ContainerOf(Chart.Render(), "decoder").Resources.Limits.Keys);
    }

    [Fact]
    public void TheServiceMonitorScrapesEveryManagementPort()
    {
        var chart = Chart.Render("scaled-values.yaml");
        var monitor = chart.FindUntyped("ServiceMonitor", "mesh-metrics")!;

        var endpoint = (Dictionary<object, object>)Assert.Single((List<object>)((Dictionary<object, object>)monitor["spec"])["endpoints"]);
        Assert.Equal(("management", "/metrics"), ((string)endpoint["port"], (string)endpoint["path"]));
        foreach (var service in chart.All<V1Service>("Service").Where(s => s.Metadata.Name != "mesh-redis"))
            Assert.Contains(service.Spec.Ports, p => p.Name == "management");
        Assert.DoesNotContain(Chart.Render().Objects, o => o.Kind == "ServiceMonitor");
    }

    [Fact]
    public void TheDashboardConfigMapCarriesTheRepositorysDashboard()
    {
        var map = Chart.Render("scaled-values.yaml").Find<V1ConfigMap>("ConfigMap", "mesh-dashboard")!;

        Assert.Equal("1", map.Metadata.Labels["grafana_dashboard"]);
        string dashboard = File.ReadAllText(Path.Combine(TinyLlava.RepoRoot, "deploy", "grafana", "dashboards", "mesh.json"));
        Assert.Equal(dashboard.TrimEnd(), map.Data["mesh.json"]);
    }

    [Fact]
    public void NetworkPoliciesOpenGrpcPortsToTheReleaseOnly()
    {
        var policies = Chart.Render("scaled-values.yaml").All<V1NetworkPolicy>("NetworkPolicy");

        var decoder = policies.Single(p => p.Metadata.Name == "mesh-decoder");
        var grpc = decoder.Spec.Ingress.Single(r => r.Ports.Any(p => p.Port.Value == "grpc"));
        Assert.Equal("mesh", Assert.Single(grpc.FromProperty).PodSelector.MatchLabels["app.kubernetes.io/instance"]);
        Assert.DoesNotContain(policies, p => p.Metadata.Name == "mesh-gateway");
        Assert.Contains(policies, p => p.Metadata.Name == "mesh-redis");
    }

    static T Bind<T>(Dictionary<string, string?> settings, string section) where T : new() =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(section).Get<T>() ?? new T();
}
