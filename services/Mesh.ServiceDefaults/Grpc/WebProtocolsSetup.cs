using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.AspNetCore.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.ServiceDefaults.Grpc;

/// <summary>
/// The two protocols besides native gRPC that every service understands, so the gateway forwards them as they are
/// (docs/design.md section 1): gRPC-Web for browsers (every gRPC service, <see cref="GrpcWebOptions.DefaultEnabled"/>),
/// and JSON for curl through gRPC JSON transcoding of the RPCs that carry a <c>google.api.http</c> annotation
/// (unary and server-streaming; server streams answer one JSON object per message). A JSON body is held to the gRPC
/// message limit (<see cref="JsonBodyLimit"/>).
/// </summary>
public static class WebProtocolsSetup
{
    /// <summary>Adds JSON transcoding, the JSON body limit and the gRPC-Web middleware (placed first in the pipeline by a startup filter).</summary>
    public static IHostApplicationBuilder AddMeshWebProtocols(this IHostApplicationBuilder builder)
    {
        // RpcErrors packs google.rpc details as Any; transcoding writes an error as JSON ({code, message, details})
        // with its HTTP status only when its registry knows every detail's type, and answers 500 with no body otherwise.
        builder.Services.AddGrpc().AddJsonTranscoding(json => json.TypeRegistry = TypeRegistry.FromFiles(ErrorDetailsReflection.Descriptor));
        builder.Services.Configure<GrpcWebOptions>(web => web.DefaultEnabled = true);
        builder.Services.AddTransient<IStartupFilter, GrpcWebStartupFilter>();
        return builder;
    }

    // The gRPC-Web middleware needs no endpoint when it is enabled by default, so it can run before routing;
    // a startup filter adds it without each service's Program.cs having to remember it.
    sealed class GrpcWebStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(JsonBodyLimit.ApplyAsync);
            // UseGrpcWeb() without options ignores the configured ones.
            app.UseGrpcWeb(app.ApplicationServices.GetRequiredService<IOptions<GrpcWebOptions>>().Value);
            next(app);
        };
    }
}
