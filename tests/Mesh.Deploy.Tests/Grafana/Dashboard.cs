using System.Text.Json.Nodes;
using Mesh.TestKit;

namespace Mesh.Deploy.Tests.Grafana;

/// <summary>deploy/grafana/dashboards/mesh.json.</summary>
public static class Dashboard
{
    public static string Path => System.IO.Path.Combine(TinyLlava.RepoRoot, "deploy", "grafana", "dashboards", "mesh.json");

    public static JsonNode Load() => JsonNode.Parse(File.ReadAllText(Path))!;

    /// <summary>Every panel query as (panel title, PromQL).</summary>
    public static IEnumerable<(string, string)> Expressions() =>
        Load()["panels"]!.AsArray().SelectMany(panel => (panel!["targets"]?.AsArray() ?? [])
            .Select(target => ($"panel {panel["title"]}", (string)target!["expr"]!)));
}
