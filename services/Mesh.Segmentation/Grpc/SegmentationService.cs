using Grpc.Core;
using Mesh.Contracts.Segmentation.V1;
using Mesh.Localization;
using Mesh.ServiceDefaults.Hosting;
using Mesh.ServiceDefaults.Queueing;

namespace Mesh.Segmentation.Grpc;

/// <summary>mesh.segmentation.v1.Segmentation: object masks (through the bounded queue) and attention-map localization.</summary>
public sealed class SegmentationService(ModelHost<ISegmenter> host, SegmentRequests segment, LocalizeRequests localize, BoundedRequestQueue queue)
    : Contracts.Segmentation.V1.Segmentation.SegmentationBase
{
    public override async Task<SegmentResponse> Segment(SegmentRequest request, ServerCallContext context)
    {
        var segmenter = host.Model;
        using var slot = await queue.EnterAsync(context.CancellationToken);
        return segment.Run(request, segmenter);
    }

    public override Task<LocalizeResponse> Localize(LocalizeRequest request, ServerCallContext context) =>
        Task.FromResult(localize.Run(request));
}
