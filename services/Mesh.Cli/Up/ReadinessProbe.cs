using System.Net;
using Mesh.Catalog;

namespace Mesh.Cli.Up;

/// <summary>A service that did not start: which one, why, and what it printed last.</summary>
public sealed class MeshStartException(string service, string reason, IReadOnlyList<string> lastLines)
    : Exception($"{service}: {reason}")
{
    /// <summary>The service's catalog name.</summary>
    public string Service { get; } = service;

    /// <summary>Its last lines of output, oldest first.</summary>
    public IReadOnlyList<string> LastLines { get; } = lastLines;
}

/// <summary>Waits until a started service's management <c>/health/ready</c> answers 200 (docs/design.md section 1: ready = model loaded).</summary>
public static class ReadinessProbe
{
    /// <summary>
    /// Polls <paramref name="service"/>'s readiness every <paramref name="interval"/>; throws <see cref="MeshStartException"/>
    /// when the process exits first or <paramref name="timeout"/> passes, with the last answer it gave.
    /// </summary>
    public static async Task WaitAsync(IStartedService service, HttpClient http, TimeSpan timeout, TimeSpan interval, CancellationToken cancellationToken)
    {
        var ready = new Uri(service.Ports.ManagementAddress, ServiceConventions.ReadyPath);
        var deadline = DateTime.UtcNow + timeout;
        string lastAnswer = "no answer yet";
        while (true)
        {
            if (service.ExitCode is int code)
                throw new MeshStartException(service.Service.Name, $"exited with code {code} before it was ready", service.LastLines());
            try
            {
                using var response = await http.GetAsync(ready, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK) return;
                string body = (await response.Content.ReadAsStringAsync(cancellationToken)).ReplaceLineEndings(" ").Trim();
                lastAnswer = $"{(int)response.StatusCode} {body}";
            }
            catch (HttpRequestException e)
            {
                lastAnswer = e.Message;
            }
            if (DateTime.UtcNow >= deadline)
                throw new MeshStartException(service.Service.Name,
                    $"not ready within {timeout.TotalSeconds:0} s (last answer of {ready}: {lastAnswer})", service.LastLines());
            await Task.Delay(interval, cancellationToken);
        }
    }
}
