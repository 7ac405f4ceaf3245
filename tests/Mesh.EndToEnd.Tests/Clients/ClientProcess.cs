using Mesh.TestKit;
using System.Diagnostics;
using System.Text.Json;

namespace Mesh.EndToEnd.Tests.Clients;

/// <summary>Runs a client script to completion (bounded in time) and reads its one JSON line.</summary>
internal static class ClientProcess
{
    public static async Task<JsonElement> RunJsonAsync(string program, IEnumerable<string> arguments, TimeSpan timeout) =>
        JsonDocument.Parse(await RunAsync(program, arguments, new Dictionary<string, string>(), timeout)).RootElement;

    /// <summary>Runs <paramref name="program"/> in the repository root with extra environment; its stdout when it exits 0.</summary>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TinyLlava.RepoRoot };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {timeout}; stderr: {await stderr}");
        }
        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}: {await stdout}{await stderr}");
        return await stdout;
    }

    /// <summary>Checks a client's JSON: the fixture's first tokens, and per-layer fractions summing to 1 for every token.</summary>
    public static void AssertFixtureRun(JsonElement result, int tokens)
    {
        Assert.Equal(TinyLlava.GeneratedIds.Take(tokens), result.GetProperty("tokens").EnumerateArray().Select(t => t.GetProperty("id").GetInt32()));
        var traces = result.GetProperty("traces").EnumerateObject().ToList();
        Assert.Equal(tokens, traces.Count);
        foreach (var layer in traces.SelectMany(t => t.Value.EnumerateArray()))
        {
            double sum = layer.GetProperty("image").GetDouble() + layer.GetProperty("query").GetDouble() + layer.GetProperty("generated").GetDouble();
            Assert.InRange(sum, 1 - 1e-5, 1 + 1e-5);
        }
        Assert.Equal(tokens, result.GetProperty("summary").GetProperty("generated_tokens").GetInt32());
    }
}
