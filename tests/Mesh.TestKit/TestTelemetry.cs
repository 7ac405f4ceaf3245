using System.Diagnostics.Metrics;
using Mesh.ServiceDefaults.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Mesh.TestKit;

/// <summary>A <see cref="MeshTelemetry"/> on a private meter factory, for unit tests that read its instruments.</summary>
public sealed class TestTelemetry : IDisposable
{
    readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public TestTelemetry()
    {
        Meters = _services.GetRequiredService<IMeterFactory>();
        Telemetry = new MeshTelemetry(Meters);
    }

    /// <summary>The meter factory the instruments were created from.</summary>
    public IMeterFactory Meters { get; }

    /// <summary>The instruments.</summary>
    public MeshTelemetry Telemetry { get; }

    /// <summary>Collects what <paramref name="instrument"/> (a <see cref="MeshTelemetry"/> name) records from now on.</summary>
    public MetricCollector<T> Collect<T>(string instrument) where T : struct => new(Meters, MeshTelemetry.MeterName, instrument);

    /// <inheritdoc />
    public void Dispose() => _services.Dispose();
}
