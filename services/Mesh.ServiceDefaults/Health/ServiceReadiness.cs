using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mesh.ServiceDefaults.Health;

/// <summary>
/// Whether the service can do its work (docs/design.md section 1: ready means "model loaded", not "process up").
/// Starts not ready; the service's <see cref="Hosting.ModelHost{TModel}"/> calls <see cref="MarkReady"/> when its model
/// or backend is loaded, and <see cref="MarkFailed"/> while it is not (loading, or why loading failed). Read by
/// <c>/health/ready</c> and the gRPC health service.
/// </summary>
public sealed class ServiceReadiness
{
    volatile State _state = new(false, "starting: the model is not loaded yet");

    sealed record State(bool Ready, string Description);

    /// <summary>Whether the service is ready.</summary>
    public bool IsReady => _state.Ready;

    /// <summary>What the readiness check reports.</summary>
    public string Description => _state.Description;

    /// <summary>The service is ready; <paramref name="description"/> says what was loaded.</summary>
    public void MarkReady(string description = "ready") => _state = new(true, description);

    /// <summary>The service is not ready; <paramref name="reason"/> says why.</summary>
    public void MarkFailed(string reason) => _state = new(false, reason);

    internal HealthCheckResult Check()
    {
        var state = _state;
        return state.Ready ? HealthCheckResult.Healthy(state.Description) : HealthCheckResult.Unhealthy(state.Description);
    }
}

/// <summary>The readiness health check, tagged <see cref="HealthSetup.ReadyTag"/>.</summary>
internal sealed class ReadinessHealthCheck(ServiceReadiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.Check());
}
