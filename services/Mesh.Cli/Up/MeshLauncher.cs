using System.Diagnostics;
using Mesh.Catalog;

namespace Mesh.Cli.Up;

/// <summary>How <c>mesh up</c> starts the mesh.</summary>
/// <param name="Build">Run <c>dotnet build</c> on each service first (incremental: quick when nothing changed).</param>
/// <param name="FreePorts">Ports the system reports free instead of the catalog's defaults.</param>
/// <param name="ReadyTimeout">How long each service may take to answer <c>/health/ready</c> (loading a model).</param>
/// <param name="ModelDirectory">Absolute model directory every service that loads a model serves; null: the default model.</param>
public sealed record LaunchOptions(bool Build, bool FreePorts, TimeSpan ReadyTimeout, string? ModelDirectory = null);

/// <summary>
/// Starts the backends each as its own process on loopback, waits until all are ready, then starts the gateway in
/// front of them and waits for it too.
/// </summary>
public sealed class MeshLauncher(RepositoryLayout layout, LaunchOptions options, Action<string> status)
{
    /// <summary>Starts <paramref name="backends"/> and the gateway; on any failure stops what it started and throws.</summary>
    public async Task<RunningMesh> StartAsync(IReadOnlyList<MeshService> backends, CancellationToken cancellationToken)
    {
        var services = backends.Append(MeshServices.Gateway).ToList();
        foreach (var service in services)
            await EnsureBuiltAsync(service, cancellationToken);

        var ports = PortPlan.Assign(services, options.FreePorts);
        var logs = Directory.CreateTempSubdirectory("mesh-up-").FullName;
        var mesh = new RunningMesh(logs, options.ModelDirectory);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var started = backends.Select(service => Start(mesh, service, ports)).ToList();
            status($"waiting for {string.Join(", ", backends.Select(s => s.Name))} to be ready");
            await Task.WhenAll(started.Select(s => ReadinessProbe.WaitAsync(s, http, options.ReadyTimeout, Poll, cancellationToken)));
            status("waiting for the gateway to be ready");
            await ReadinessProbe.WaitAsync(Start(mesh, MeshServices.Gateway, ports), http, options.ReadyTimeout, Poll, cancellationToken);
            return mesh;
        }
        catch
        {
            await mesh.DisposeAsync();
            throw;
        }
    }

    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    ServiceProcess Start(RunningMesh mesh, MeshService service, IReadOnlyDictionary<string, ServicePorts> ports)
    {
        status($"starting {service.Name}");
        var process = ServiceProcess.Start(service, layout.AssemblyOf(service), ports[service.Name], LaunchEnvironment.For(service, ports, options.ModelDirectory), mesh.LogDirectory);
        mesh.Add(process);
        return process;
    }

    async Task EnsureBuiltAsync(MeshService service, CancellationToken cancellationToken)
    {
        if (options.Build)
        {
            status($"building {service.Project} ({layout.Configuration})");
            var build = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "build", layout.ProjectOf(service), "-c", layout.Configuration, "--nologo", "-v", "q" })
                build.ArgumentList.Add(arg);
            using var process = Process.Start(build)!;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                var lines = ((await output) + (await errors)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                throw new MeshStartException(service.Name, $"dotnet build of {service.Project} failed (exit code {process.ExitCode})", lines.TakeLast(30).ToList());
            }
        }
        if (!File.Exists(layout.AssemblyOf(service)))
            throw new MeshStartException(service.Name, $"{layout.AssemblyOf(service)} does not exist; build it or run mesh up without --no-build", []);
    }
}
