using Mesh.Catalog;

namespace Mesh.Cli.Up;

/// <summary>
/// The processes of a started local mesh. Disposing stops them all, gateway first; they are also killed when the
/// CLI process exits (normally, on an exception or on SIGTERM), so none outlives it. Only a SIGKILL of the CLI,
/// which no process can intercept, would leave them running.
/// </summary>
public sealed class RunningMesh : IAsyncDisposable
{
    readonly List<ServiceProcess> _processes = [];
    readonly EventHandler _onExit;
    int _disposed;

    internal RunningMesh(string logDirectory, string? modelDirectory)
    {
        LogDirectory = logDirectory;
        ModelDirectory = modelDirectory;
        _onExit = (_, _) => StopAll();
        AppDomain.CurrentDomain.ProcessExit += _onExit;
    }

    /// <summary>Started services in start order (the gateway last).</summary>
    public IReadOnlyList<ServiceProcess> Services => _processes;

    /// <summary>Folder of the services' log files.</summary>
    public string LogDirectory { get; }

    /// <summary>The model directory the services that load a model serve; null: the default model.</summary>
    public string? ModelDirectory { get; }

    /// <summary>The gateway's process.</summary>
    public ServiceProcess Gateway => _processes.Single(p => p.Service.Name == MeshServices.Gateway.Name);

    internal void Add(ServiceProcess process)
    {
        lock (_processes) _processes.Add(process);
    }

    void StopAll()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        lock (_processes)
            for (int i = _processes.Count - 1; i >= 0; i--)
                _processes[i].Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        StopAll();
        AppDomain.CurrentDomain.ProcessExit -= _onExit;
        return ValueTask.CompletedTask;
    }
}
