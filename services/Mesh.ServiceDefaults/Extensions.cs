using Mesh.ServiceDefaults.Grpc;
using Mesh.ServiceDefaults.Health;
using Mesh.ServiceDefaults.Hosting;
using Mesh.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Mesh.ServiceDefaults;

/// <summary>
/// The two calls every Mesh service makes (docs/design.md section 1, CONTRIBUTING.md habit 2): <see cref="AddServiceDefaults"/>
/// first, then <see cref="MapDefaultEndpoints"/> after building.
/// </summary>
public static class Extensions
{
    /// <summary>
    /// Telemetry (OpenTelemetry metrics and traces, Prometheus, OTLP when configured), health (HTTP and
    /// gRPC, ready = <see cref="ServiceReadiness"/>), the gRPC port and the management port, server
    /// reflection and the gRPC message limits; a request that is not valid protobuf is INVALID_ARGUMENT. Every options
    /// record is validated on start.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.AddMeshEndpoints();
        builder.AddMeshTelemetry();
        builder.AddMeshHealth();
        builder.AddMeshGrpc();
        builder.AddMeshWebProtocols();
        builder.RefuseMalformedMessages(); // after every AddGrpc()
        return builder;
    }

    /// <summary>
    /// Maps <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c> on the management port (in every
    /// environment), and the gRPC health and reflection services.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseManagementPortOnly();
        app.MapHealthEndpoints();
        app.MapMetricsEndpoint();
        app.MapGrpcDefaults();
        return app;
    }
}
