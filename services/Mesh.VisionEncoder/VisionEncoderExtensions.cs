using Mesh.Catalog;
using Mesh.ServiceDefaults.Grpc;
using Mesh.ServiceDefaults.Health;
using Mesh.ServiceDefaults.Hosting;
using Mesh.ServiceDefaults.Queueing;
using Mesh.ServiceDefaults.Telemetry;
using Mesh.VisionEncoder.Caching;
using Mesh.VisionEncoder.Model;
using Microsoft.Extensions.Options;
using VisionV1 = Mesh.Contracts.Vision.V1;

namespace Mesh.VisionEncoder;

/// <summary>The vision-encoder service's one Add call (CONTRIBUTING.md habit 1); Program.cs maps <see cref="Grpc.VisionEncoderService"/>.</summary>
public static class VisionEncoderExtensions
{
    /// <summary>Options, the model (loaded in the background, then ready), the embedding cache and the request queue.</summary>
    public static IHostApplicationBuilder AddVisionEncoder(this IHostApplicationBuilder builder)
    {
        builder.UseCatalogDefaults(MeshServices.VisionEncoder);
        builder.AddValidatedOptions<VisionEncoderServiceOptions>(VisionEncoderServiceOptions.Section);
        builder.AddImageLimits();
        builder.AddRequestQueue("vision-encoder", VisionEncoderServiceOptions.Section + ":Queue");
        builder.AddModelHost<VisionModel, VisionModelLoader>();
        builder.AddGrpcServiceReadiness(VisionV1.VisionEncoder.Descriptor.FullName);
        builder.Services.AddSingleton(services => new EmbeddingCache(
            services.GetRequiredService<IOptions<VisionEncoderServiceOptions>>().Value.CacheCapacityBytes,
            services.GetRequiredService<MeshTelemetry>()));
        return builder;
    }
}
