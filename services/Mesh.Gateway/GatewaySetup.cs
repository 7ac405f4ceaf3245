using Grpc.AspNetCore.Web;
using Mesh.Catalog;
using Mesh.Gateway.Hosting;
using Mesh.Gateway.Options;
using Mesh.Gateway.Routing;
using Mesh.Gateway.Security;
using Mesh.Gateway.WebPage;
using Mesh.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;

namespace Mesh.Gateway;

/// <summary>The gateway's two calls after the service defaults (CONTRIBUTING.md habit 1): <see cref="AddGateway"/> and <see cref="MapGateway"/>.</summary>
public static class GatewaySetup
{
    /// <summary>CORS policy of the forwarded routes when browser origins are configured.</summary>
    public const string CorsPolicy = "browsers";

    /// <summary>
    /// Options (validated on start), the web endpoint, YARP with routes and clusters generated from
    /// <see cref="MeshServices"/>, API-key authentication, per-key rate limits and CORS for gRPC-Web.
    /// </summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.UseCatalogDefaults(MeshServices.Gateway);
        builder.AddValidatedOptions<GatewayOptions>(GatewayOptions.Section);
        builder.AddValidatedOptions<ApiKeyOptions>(ApiKeyOptions.Section);
        builder.AddValidatedOptions<RateLimitOptions>(RateLimitOptions.Section);
        GatewayWebEndpoint.AddGatewayWebEndpoint(builder);
        // The gateway forwards gRPC-Web as it is; the services behind it translate it.
        builder.Services.PostConfigure<GrpcWebOptions>(web => web.DefaultEnabled = false);

        builder.Services.AddReverseProxy();
        builder.Services.AddSingleton<IProxyConfigProvider>(CreateProxyConfig);
        builder.Services.AddSingleton<IProbingRequestFactory, ManagementProbeRequestFactory>();
        builder.Services.AddOptions<TransportFailureRateHealthPolicyOptions>().Configure<IOptions<GatewayOptions>>((passive, gateway) =>
        {
            passive.MinimalTotalCountThreshold = gateway.Value.HealthChecks.PassiveMinimumCalls;
            passive.DefaultFailureRateLimit = gateway.Value.HealthChecks.PassiveFailureRate;
        });

        builder.Services.AddSingleton<ApiKeyRing>();
        builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        builder.Services.AddAuthorization(authorization => authorization.AddPolicy(ApiKeyAuthentication.Policy,
            policy => policy.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser()));
        builder.Services.AddGatewayRateLimits();
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>()
            .Configure<IOptions<GatewayOptions>>((cors, gateway) => cors.AddPolicy(CorsPolicy, policy => policy
                .WithOrigins([.. gateway.Value.BrowserOrigins]).AllowAnyHeader().AllowAnyMethod()
                .WithExposedHeaders("grpc-status", "grpc-message", "grpc-status-details-bin")));

        builder.Services.AddMeshReflection();
        builder.Services.AddHostedService<GatewayReadiness>();
        return builder;
    }

    /// <summary>The middleware of the forwarded routes, in order, and the routes themselves.</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseWebPage();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(ProxyErrors.MapToStatusAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }

    static InMemoryConfigProvider CreateProxyConfig(IServiceProvider services)
    {
        var gateway = services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var policies = new RoutePolicies(
            Authorization: services.GetRequiredService<IOptions<ApiKeyOptions>>().Value.Enabled ? ApiKeyAuthentication.Policy : null,
            RateLimiter: services.GetRequiredService<IOptions<RateLimitOptions>>().Value.Enabled ? RateLimits.Policy : null,
            Cors: gateway.BrowserOrigins.Count > 0 ? CorsPolicy : null);
        return new InMemoryConfigProvider(
            RouteTable.Build(MeshServices.Backends, policies), ClusterTable.Build(MeshServices.Backends, gateway));
    }
}
