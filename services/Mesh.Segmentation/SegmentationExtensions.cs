using Mesh.Catalog;
using Mesh.Localization;
using Mesh.Segmentation.Grpc;
using Mesh.Segmentation.Model;
using Mesh.ServiceDefaults.Grpc;
using Mesh.ServiceDefaults.Health;
using Mesh.ServiceDefaults.Hosting;
using Mesh.ServiceDefaults.Queueing;

namespace Mesh.Segmentation;

/// <summary>The segmentation service's one Add call (CONTRIBUTING.md habit 1); Program.cs maps <see cref="SegmentationService"/>.</summary>
public static class SegmentationExtensions
{
    /// <summary>Options and image limits (validated on start), the segmenter (loaded in the background, then ready), the request queue and the request mappers.</summary>
    public static IHostApplicationBuilder AddSegmentation(this IHostApplicationBuilder builder)
    {
        builder.UseCatalogDefaults(MeshServices.Segmentation);
        builder.AddValidatedOptions<SegmentationOptions>(SegmentationOptions.Section);
        builder.AddImageLimits();
        builder.AddRequestQueue("segmentation", $"{SegmentationOptions.Section}:Queue");
        builder.AddModelHost<ISegmenter, SegmenterLoader>();
        builder.AddGrpcServiceReadiness(Contracts.Segmentation.V1.Segmentation.Descriptor.FullName);
        builder.Services.AddSingleton<SegmentRequests>();
        builder.Services.AddSingleton<LocalizeRequests>();
        return builder;
    }
}
