using Mesh.ServiceDefaults.Telemetry;

namespace Mesh.ContextStore.Storage;

/// <summary>
/// The store's entries, bytes and evictions on <see cref="MeshTelemetry"/>. Backends report their
/// whole usage after each change; the up-down counters move by the difference from the last report,
/// so they end at the store's real usage even for a Redis shared by several replicas.
/// </summary>
public sealed class UsageGauge(MeshTelemetry telemetry)
{
    long _entries, _bytes;

    /// <summary>The store now holds <paramref name="entries"/> entries of <paramref name="bytes"/> bytes in all.</summary>
    public void Report(long entries, long bytes)
    {
        telemetry.ContextStoreEntries.Add(entries - Interlocked.Exchange(ref _entries, entries));
        telemetry.ContextStoreBytes.Add(bytes - Interlocked.Exchange(ref _bytes, bytes));
    }

    /// <summary><paramref name="count"/> entries left the store for capacity or TTL.</summary>
    public void Evicted(long count)
    {
        if (count > 0) telemetry.ContextStoreEvictions.Add(count);
    }
}
