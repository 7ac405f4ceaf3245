using System.ComponentModel.DataAnnotations;

namespace Mesh.ServiceDefaults.Queueing;

/// <summary>Bounds of a service's request queue, bound from <c>&lt;Service&gt;:Queue</c>.</summary>
public sealed record RequestQueueOptions
{
    /// <summary>Requests worked on at once (the rest wait in order of arrival). Default 1: one model, two cores.</summary>
    [Range(1, 1024)]
    public int MaxConcurrency { get; init; } = 1;

    /// <summary>Requests allowed to wait; one more is refused with RESOURCE_EXHAUSTED. 0 = no waiting.</summary>
    [Range(0, 100_000)]
    public int MaxWaiting { get; init; } = 16;
}
