using Mesh.Catalog;
using Mesh.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Mesh.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry for a service: metrics (ASP.NET Core, HttpClient and <see cref="MeshTelemetry"/>) scraped
/// by Prometheus at <c>/metrics</c>; traces (ASP.NET Core server, gRPC and HttpClient clients, Mesh spans)
/// with W3C trace context, the .NET default, so a gateway -> decoder -> vision call is one trace;
/// logs, traces and metrics go to OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>Path of the Prometheus scraping endpoint on the management port.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Registers <see cref="MeshTelemetry"/> and the OpenTelemetry pipelines.</summary>
    public static IHostApplicationBuilder AddMeshTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MeshTelemetry>();
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(MeshTelemetry.MeterName)
                // Each scrape sees current values; Prometheus sets the pace.
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context => !IsProbe(context.Request.Path))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation()
                .AddSource(MeshTelemetry.ActivitySourceName));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.UseOtlpExporter();
        return builder;
    }

    /// <summary>Maps the Prometheus scraping endpoint on the management port.</summary>
    public static WebApplication MapMetricsEndpoint(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).OnManagementPort();
        return app;
    }

    // Scrapes and probes every few seconds would drown the traces that matter.
    static bool IsProbe(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments(ServiceConventions.HealthPathPrefix);
}
