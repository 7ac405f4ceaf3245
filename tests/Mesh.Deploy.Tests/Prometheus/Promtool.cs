using Mesh.TestKit;

namespace Mesh.Deploy.Tests.Prometheus;

/// <summary>deploy/prometheus's files and Prometheus's own checker (Debian's prometheus package; test.sh installs it).</summary>
public static class Promtool
{
    public static string Folder => Path.Combine(TinyLlava.RepoRoot, "deploy", "prometheus");

    public static string AlertsPath => Path.Combine(Folder, "mesh-alerts.yml");

    public static (int ExitCode, string Output) Run(params string[] arguments)
    {
        var (exit, output, error) = Tool.Run("promtool", arguments);
        return (exit, output + error);
    }
}
