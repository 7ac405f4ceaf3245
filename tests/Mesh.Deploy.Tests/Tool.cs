using System.Diagnostics;
using Mesh.TestKit;

namespace Mesh.Deploy.Tests;

/// <summary>Runs a program of the machine (go, promtool) in the repository root; test.sh installs them from Debian.</summary>
public static class Tool
{
    /// <summary>Exit code, standard output and standard error of <paramref name="program"/> run to its end.</summary>
    public static (int ExitCode, string Output, string Error) Run(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = TinyLlava.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is not installed ({e.Message}); ./test.sh installs it from Debian.", e);
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }
    }
}
