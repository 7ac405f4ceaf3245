using Grpc.AspNetCore.Server;
using Mesh.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.ServiceDefaults.Grpc;

/// <summary>The gRPC server: message limits from <see cref="GrpcLimitsOptions"/>, and server reflection.</summary>
public static class GrpcSetup
{
    /// <summary>Adds gRPC with the configured limits and reflection.</summary>
    public static IHostApplicationBuilder AddMeshGrpc(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<GrpcLimitsOptions>(GrpcLimitsOptions.Section);
        builder.Services.AddGrpc();
        builder.Services.AddOptions<GrpcServiceOptions>().Configure<IOptions<GrpcLimitsOptions>>((grpc, limits) =>
        {
            grpc.MaxReceiveMessageSize = limits.Value.MaxReceiveMessageBytes;
            grpc.MaxSendMessageSize = limits.Value.MaxSendMessageBytes;
            grpc.EnableDetailedErrors = builder.Environment.IsDevelopment();
        });
        builder.Services.AddGrpcReflection();
        return builder;
    }

    /// <summary>Maps server reflection (the gRPC health service is mapped with the health endpoints).</summary>
    public static WebApplication MapGrpcDefaults(this WebApplication app)
    {
        app.MapGrpcReflectionService();
        return app;
    }
}
