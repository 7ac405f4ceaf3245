using Mesh.Contracts.Segmentation.V1;
using Mesh.Localization;
using Mesh.Core.Vision;
using Mesh.ServiceDefaults.Grpc;
using Microsoft.Extensions.Options;
using Proto = Mesh.Contracts.Segmentation.V1;

namespace Mesh.Segmentation.Grpc;

/// <summary>Runs a Segment request through a segmenter: INVALID_ARGUMENT naming the field for bad input, masks as row-major RLE.</summary>
public sealed class SegmentRequests(IOptions<SegmentationOptions> options, IOptions<ImageLimitsOptions> images)
{
    public SegmentResponse Run(SegmentRequest request, ISegmenter segmenter)
    {
        var o = options.Value;
        if (request.Image.IsEmpty)
            RpcErrors.InvalidArgument("image", "the image is empty; send PNG, JPEG, GIF, BMP, WebP or TIFF bytes");
        if (request.Image.Length > images.Value.MaxBytes)
            RpcErrors.InvalidArgument("image", $"the image is {request.Image.Length} bytes; at most {images.Value.MaxBytes} are accepted (ImageLimits:MaxBytes)");
        if (request.ObjectNames.Count > o.MaxObjectNames)
            RpcErrors.InvalidArgument("object_names", $"{request.ObjectNames.Count} names were sent; at most {o.MaxObjectNames} are accepted");
        int blank = request.ObjectNames.ToList().FindIndex(string.IsNullOrWhiteSpace);
        if (blank >= 0)
            RpcErrors.InvalidArgument($"object_names[{blank}]", "an object name is empty; name an object such as \"circle\" or leave the list empty for every object");

        SegmentationResult result;
        try
        {
            result = segmenter.Segment(request.Image.Span, request.ObjectNames);
        }
        catch (InvalidImageException e)
        {
            throw RpcErrors.InvalidArgumentException("image", e.Message);
        }
        catch (UnknownObjectException e)
        {
            throw RpcErrors.InvalidArgumentException("object_names", e.Message);
        }
        var response = new SegmentResponse { ImageHeight = result.Height, ImageWidth = result.Width };
        response.Objects.AddRange(result.Objects.Select(o => new Proto.ObjectMask
        {
            Name = o.Name, Mask = MaskMapper.ToProto(o.Mask), Score = o.Score, Area = o.Mask.Area,
        }));
        return response;
    }
}

/// <summary>Masks between the Shapes world and <see cref="RleMask"/>.</summary>
public static class MaskMapper
{
    public static RleMask ToProto(Mesh.Shapes.Scenes.ObjectMask mask)
    {
        var rle = new RleMask { Height = mask.Height, Width = mask.Width };
        rle.Counts.AddRange(RowMajorRle.Encode(mask));
        return rle;
    }
}
