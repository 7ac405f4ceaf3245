using Mesh.ServiceDefaults.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mesh.ContextStore.Storage;

/// <summary>Readiness after loading: the backend still answers (Redis reachable, the data folder present).</summary>
public sealed class BackendHealthCheck(ModelHost<IContextBackend> host) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (host.Loaded is not { } backend) return HealthCheckResult.Unhealthy("the backend is not loaded yet");
        string? problem = await backend.ProbeAsync(cancellationToken);
        return problem is null ? HealthCheckResult.Healthy(backend.Describe()) : HealthCheckResult.Unhealthy(problem);
    }
}
