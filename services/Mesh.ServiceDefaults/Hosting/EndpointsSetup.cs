using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.ServiceDefaults.Hosting;

/// <summary>Kestrel's two endpoints and the rule that management endpoints answer only on the management port.</summary>
public static class EndpointsSetup
{
    /// <summary>Binds <see cref="EndpointsOptions"/> and makes Kestrel listen on the gRPC and management ports.</summary>
    public static IHostApplicationBuilder AddMeshEndpoints(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<EndpointsOptions>(EndpointsOptions.Section);
        builder.Services.AddSingleton<MeshEndpoints>();
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<EndpointsOptions>, MeshEndpoints>((kestrel, options, endpoints) => endpoints.Listen(kestrel, options.Value));
        return builder;
    }

    /// <summary>Marks an endpoint as management-only: it answers 404 on any port but the management port.</summary>
    public static TBuilder OnManagementPort<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(ManagementEndpointMetadata.Instance);

    /// <summary>Refuses management endpoints reached through the gRPC port.</summary>
    public static WebApplication UseManagementPortOnly(this WebApplication app)
    {
        var endpoints = app.Services.GetRequiredService<MeshEndpoints>();
        app.Use((context, next) =>
        {
            bool management = context.GetEndpoint()?.Metadata.GetMetadata<ManagementEndpointMetadata>() is not null;
            if (management && context.Connection.LocalPort != endpoints.ManagementPort)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            return next(context);
        });
        return app;
    }

    sealed class ManagementEndpointMetadata
    {
        public static readonly ManagementEndpointMetadata Instance = new();
    }
}
