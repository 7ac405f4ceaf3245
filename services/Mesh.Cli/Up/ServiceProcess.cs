using System.Diagnostics;
using Mesh.Catalog;

namespace Mesh.Cli.Up;

/// <summary>A started service as the readiness wait sees it (a child process, or a fake in tests).</summary>
public interface IStartedService
{
    /// <summary>Which service.</summary>
    MeshService Service { get; }

    /// <summary>Its ports.</summary>
    ServicePorts Ports { get; }

    /// <summary>Exit code once it has exited, else null.</summary>
    int? ExitCode { get; }

    /// <summary>Its last lines of output, oldest first.</summary>
    IReadOnlyList<string> LastLines();
}

/// <summary>
/// One service running as <c>dotnet exec</c> of its built assembly, in its output folder (so it finds its
/// appsettings.json), configured by environment. Its output goes to a log file and a tail kept for error reports.
/// Disposing kills it and any process it started.
/// </summary>
public sealed class ServiceProcess : IStartedService, IDisposable
{
    const int TailLines = 30;
    readonly Process _process;
    readonly Queue<string> _tail = new();
    readonly StreamWriter _log;

    ServiceProcess(MeshService service, ServicePorts ports, Process process, string logFile)
    {
        Service = service;
        Ports = ports;
        LogFile = logFile;
        _process = process;
        _log = new StreamWriter(logFile) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
    }

    /// <inheritdoc />
    public MeshService Service { get; }

    /// <inheritdoc />
    public ServicePorts Ports { get; }

    /// <summary>Operating-system id of the process.</summary>
    public int ProcessId => _process.Id;

    /// <summary>File that receives everything the service prints.</summary>
    public string LogFile { get; }

    /// <inheritdoc />
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Starts <paramref name="assembly"/> with <paramref name="environment"/> added to this process's environment.</summary>
    public static ServiceProcess Start(MeshService service, string assembly, ServicePorts ports,
        IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(assembly);
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var running = new ServiceProcess(service, ports, new Process { StartInfo = start }, Path.Combine(logDirectory, service.Name + ".log"));
        running._process.Start();
        running._process.BeginOutputReadLine();
        running._process.BeginErrorReadLine();
        return running;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> LastLines()
    {
        lock (_tail) return [.. _tail];
    }

    void Append(string? line)
    {
        if (line is null) return;
        lock (_tail)
        {
            _log.WriteLine(line);
            _tail.Enqueue(line);
            if (_tail.Count > TailLines) _tail.Dequeue();
        }
    }

    /// <summary>Kills the service (and its children) if it still runs.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // It was never started or has already been reaped.
        }
        _process.Dispose();
        lock (_tail) _log.Dispose();
    }
}
