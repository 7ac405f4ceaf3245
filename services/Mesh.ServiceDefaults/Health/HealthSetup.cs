using Grpc.AspNetCore.HealthChecks;
using Mesh.Catalog;
using Mesh.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Mesh.ServiceDefaults.Health;

/// <summary>
/// Liveness (the process answers) and readiness (<see cref="ServiceReadiness"/> plus any check tagged
/// <see cref="ReadyTag"/>), over HTTP on the management port and over the gRPC health protocol, where
/// the overall service "" is SERVING exactly when <c>/health/ready</c> is healthy.
/// </summary>
public static class HealthSetup
{
    /// <summary>Tag of the checks that decide readiness.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Registers <see cref="ServiceReadiness"/>, its check and the gRPC health service.</summary>
    public static IHostApplicationBuilder AddMeshHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ServiceReadiness>();
        builder.Services.AddGrpcHealthChecks(grpc => grpc.Services.Map("", result => result.Tags.Contains(ReadyTag)))
            .AddCheck<ReadinessHealthCheck>("model", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>
    /// Also reports readiness under a gRPC service's full name (e.g. <c>mesh.vision.v1.VisionEncoder</c>), for
    /// health checkers that ask per service rather than for the server as a whole ("").
    /// </summary>
    public static IHostApplicationBuilder AddGrpcServiceReadiness(this IHostApplicationBuilder builder, string grpcServiceName)
    {
        builder.Services.Configure<GrpcHealthChecksOptions>(grpc => grpc.Services.Map(grpcServiceName, result => result.Tags.Contains(ReadyTag)));
        return builder;
    }

    /// <summary>Maps the HTTP health endpoints on the management port and the gRPC health service.</summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(ServiceConventions.LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteText }).OnManagementPort();
        app.MapHealthChecks(ServiceConventions.ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteText })
            .OnManagementPort();
        app.MapGrpcHealthChecksService();
        return app;
    }

    // "Unhealthy\nmodel: starting: the model is not loaded yet": the status, then why, one check a line.
    static Task WriteText(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Select(e => $"{e.Key}: {e.Value.Description ?? e.Value.Status.ToString()}");
        return context.Response.WriteAsync(string.Join('\n', lines.Prepend(report.Status.ToString())) + "\n");
    }
}
