using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mesh.ContextStore.Storage;

/// <summary>Readiness after loading: the backend still answers (Redis reachable, the data folder present).</summary>
public sealed class BackendHealthCheck(BackendHost host, IContextBackend backend) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!host.IsLoaded) return HealthCheckResult.Unhealthy("the backend is not loaded yet");
        string? problem = await backend.ProbeAsync(cancellationToken);
        return problem is null ? HealthCheckResult.Healthy(backend.Describe()) : HealthCheckResult.Unhealthy(problem);
    }
}
