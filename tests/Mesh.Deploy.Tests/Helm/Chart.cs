using System.Collections.Concurrent;
using k8s;
using Mesh.TestKit;
using YamlDotNet.Serialization;

namespace Mesh.Deploy.Tests.Helm;

/// <summary>
/// helm/mesh rendered by helm/render (text/template with sprig and Helm's functions; no helm binary exists here,
/// docs/deploy.md), once per set of values files under helm/mesh/ci.
/// </summary>
public sealed class Chart
{
    static readonly ConcurrentDictionary<string, Lazy<Chart>> Rendered = new();

    /// <summary>The chart's own folder.</summary>
    public static string Directory => Path.Combine(TinyLlava.RepoRoot, "helm", "mesh");

    readonly List<(string Kind, string Name, string Yaml)> _documents;

    Chart(List<(string Kind, string Name, string Yaml)> documents) => _documents = documents;

    /// <summary>The chart with its values.yaml and then <paramref name="ciValues"/> (file names under helm/mesh/ci).</summary>
    public static Chart Render(params string[] ciValues) =>
        Rendered.GetOrAdd(string.Join(",", ciValues), _ => new Lazy<Chart>(() => Parse(Go([], ciValues)))).Value;

    /// <summary>The merged values as JSON, as the templates see them.</summary>
    public static string MergedValues(params string[] ciValues) => Go(["-values"], ciValues);

    /// <summary>Kind and name of every rendered object.</summary>
    public IEnumerable<(string Kind, string Name)> Objects => _documents.Select(d => (d.Kind, d.Name));

    /// <summary>The objects of <paramref name="kind"/>, read strictly into the Kubernetes client's model.</summary>
    public IReadOnlyList<T> All<T>(string kind) =>
        [.. _documents.Where(d => d.Kind == kind).Select(d => KubernetesYaml.Deserialize<T>(d.Yaml, strict: true))];

    /// <summary>The object of <paramref name="kind"/> named <paramref name="name"/>, or null.</summary>
    public T? Find<T>(string kind, string name) where T : class =>
        _documents.Where(d => d.Kind == kind && d.Name == name).Select(d => KubernetesYaml.Deserialize<T>(d.Yaml, strict: true)).SingleOrDefault();

    /// <summary>An object the client has no model for (ServiceMonitor), as nested dictionaries.</summary>
    public Dictionary<object, object>? FindUntyped(string kind, string name) =>
        _documents.Where(d => d.Kind == kind && d.Name == name)
            .Select(d => (Dictionary<object, object>)new DeserializerBuilder().Build().Deserialize(d.Yaml)!).SingleOrDefault();

    static string Go(string[] flags, string[] ciValues)
    {
        var environment = new Dictionary<string, string>
        {
            ["GO111MODULE"] = "off",
            ["GOPATH"] = "/usr/share/gocode",
            ["GOCACHE"] = Path.Combine(Path.GetTempPath(), "mesh-go-build"),
        };
        string chart = Path.Combine("helm", "mesh");
        var (exit, output, error) = Tool.Run("go", ["run", "./helm/render", .. flags, chart, .. ciValues.Select(f => Path.Combine(chart, "ci", f))], environment);
        if (exit != 0) throw new InvalidOperationException($"helm/render failed ({exit}): {error}");
        return output;
    }

    static Chart Parse(string rendered)
    {
        var deserializer = new DeserializerBuilder().Build();
        var documents = new List<(string, string, string)>();
        foreach (var yaml in rendered.Split("---\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var map = (Dictionary<object, object>)deserializer.Deserialize(yaml)!;
            var metadata = (Dictionary<object, object>)map["metadata"];
            documents.Add(((string)map["kind"], (string)metadata["name"], yaml));
        }
        return new Chart(documents);
    }
}
