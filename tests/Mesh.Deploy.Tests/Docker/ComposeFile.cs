using Mesh.TestKit;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Mesh.Deploy.Tests.Docker;

/// <summary>deploy/docker/compose.yaml read as YAML, its anchors and merge keys resolved.</summary>
public sealed class ComposeFile
{
    public static string Path => System.IO.Path.Combine(TinyLlava.RepoRoot, "deploy", "docker", "compose.yaml");

    readonly Dictionary<object, object> _services;

    ComposeFile(Dictionary<object, object> services) => _services = services;

    public static ComposeFile Load()
    {
        using var reader = new StreamReader(Path);
        var root = (Dictionary<object, object>)new DeserializerBuilder().Build().Deserialize(new MergingParser(new Parser(reader)))!;
        return new ComposeFile((Dictionary<object, object>)root["services"]);
    }

    public IEnumerable<string> ServiceNames => _services.Keys.Cast<string>();

    /// <summary>A service's mapping, or null.</summary>
    public Dictionary<object, object>? Service(string name) => _services.GetValueOrDefault(name) as Dictionary<object, object>;

    /// <summary>A service's <c>environment</c> as configuration keys (<c>A__B</c> read as <c>A:B</c>) and values.</summary>
    public Dictionary<string, string?> Configuration(string name) =>
        (Service(name)?.GetValueOrDefault("environment") as Dictionary<object, object> ?? [])
            .ToDictionary(e => ((string)e.Key).Replace("__", ":"), e => (string?)e.Value);

    /// <summary>A build argument of a service's image, or null.</summary>
    public string? BuildArg(string name, string arg) =>
        ((Service(name)?.GetValueOrDefault("build") as Dictionary<object, object>)?.GetValueOrDefault("args") as Dictionary<object, object>)
            ?.GetValueOrDefault(arg) as string;

    /// <summary>A list-valued key of a service (ports, tmpfs), as strings.</summary>
    public IReadOnlyList<string> List(string name, string key) =>
        (Service(name)?.GetValueOrDefault(key) as List<object> ?? []).Select(o => (string)o).ToList();
}
