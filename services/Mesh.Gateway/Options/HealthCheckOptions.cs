using System.ComponentModel.DataAnnotations;

namespace Mesh.Gateway.Options;

/// <summary>
/// How the gateway decides a replica is healthy (section <c>Gateway:HealthChecks</c>). Active: it probes each
/// replica's management <c>/health/ready</c> every <see cref="Interval"/>; <see cref="UnhealthyAfter"/> failed
/// probes in a row take it out of rotation, one success brings it back. Passive: a replica whose forwarded calls
/// fail at the transport level (connection refused or reset) more often than <see cref="PassiveFailureRate"/>, once
/// it has seen <see cref="PassiveMinimumCalls"/> calls in the last minute, is taken out for <see cref="ReactivationPeriod"/>.
/// </summary>
public sealed record HealthCheckOptions
{
    /// <summary>Time between probes of one replica; 100 ms to 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:05:00")]
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A probe that takes longer fails; 100 ms to 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:01:00")]
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Consecutive failed probes that make a replica unhealthy; 1 to 100.</summary>
    [Range(1, 100)]
    public int UnhealthyAfter { get; init; } = 2;

    /// <summary>How long a replica that failed calls stays out of rotation before it is tried again; 1 s to 1 h.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReactivationPeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Calls in the detection window before the passive check judges a replica's failure rate; 1 to 1000.</summary>
    [Range(1, 1000)]
    public int PassiveMinimumCalls { get; init; } = 3;

    /// <summary>Failure rate of forwarded calls (over the last minute) above which a replica is taken out; (0, 1].</summary>
    [Range(0.01, 1.0)]
    public double PassiveFailureRate { get; init; } = 0.3;

    internal IEnumerable<ValidationResult> Validate()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        foreach (var result in results)
            yield return new ValidationResult($"Gateway:HealthChecks: {result.ErrorMessage}", result.MemberNames);
        if (Timeout > Interval)
            yield return new ValidationResult(
                $"Gateway:HealthChecks:Timeout {Timeout} is longer than the Interval {Interval}; a probe must end before the next.", [nameof(Timeout)]);
    }
}
