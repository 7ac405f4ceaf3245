using System.Diagnostics;

namespace Mesh.Cli.Tests;

/// <summary>
/// The built <c>mesh</c> command run as its own process, as a user runs it: from the CLI project's own output folder
/// (built with the tests, same configuration), whose files are the CLI's alone; the copy beside the tests lacks
/// assemblies the test host takes from the ASP.NET framework.
/// </summary>
internal static class MeshCli
{
    static readonly string Assembly = Locate();

    /// <summary>The exit code and everything printed (stdout then stderr, lines joined by spaces, since the console wraps long lines).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string[] args, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Assembly);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        start.Environment.Remove("MESH_GATEWAY");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        string text = (await output) + (await error);
        return (process.ExitCode, string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
    }

    // .../tests/Mesh.Cli.Tests/bin/{configuration}/{tfm}/ -> .../services/Mesh.Cli/bin/{configuration}/{tfm}/mesh.dll
    static string Locate()
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfm.Parent!;
        var root = configuration.Parent!.Parent!.Parent!.Parent!;
        return Path.Combine(root.FullName, "services", "Mesh.Cli", "bin", configuration.Name, tfm.Name, "mesh.dll");
    }
}
