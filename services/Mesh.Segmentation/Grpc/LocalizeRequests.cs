using System.Buffers.Binary;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Segmentation.V1;
using Mesh.Core.Interp;
using ObjectMask = Mesh.Shapes.Scenes.ObjectMask;
using Mesh.Localization;
using Mesh.Localization.Attention;
using Mesh.ServiceDefaults.Grpc;
using Microsoft.Extensions.Options;

namespace Mesh.Segmentation.Grpc;

/// <summary>Checks and runs a Localize request (docs/paper.md section 5); every bad field is INVALID_ARGUMENT naming it.</summary>
public sealed class LocalizeRequests(IOptions<SegmentationOptions> options, IOptions<ImageLimitsOptions> images)
{
    public LocalizeResponse Run(LocalizeRequest request)
    {
        var (map, grid) = Map(request.AttentionMap);
        var mask = Mask(request.Mask);
        var tolerance = Tolerance(request.Tolerance);
        LocalizationResult result;
        try
        {
            result = AttentionLocalizer.Localize(map, grid, mask, tolerance);
        }
        catch (ArgumentException e)
        {
            throw RpcErrors.InvalidArgumentException("attention_map", e);
        }
        return new LocalizeResponse
        {
            Hit = result.Hit, PeakX = result.PeakX, PeakY = result.PeakY, PeakRow = result.PeakRow, PeakCol = result.PeakCol,
            DistancePixels = result.DistancePixels, TolerancePixels = result.TolerancePixels,
        };
    }

    (float[] Map, ImageGrid Grid) Map(Tensor? tensor)
    {
        const string field = "attention_map";
        if (tensor is null) throw RpcErrors.InvalidArgumentException(field, "no attention map was sent; send a [rows, cols] F32 or F16 tensor");
        if (tensor.Shape.Count != 2 || tensor.Shape.Any(d => d < 1))
            RpcErrors.InvalidArgument(field + ".shape", $"the shape is [{string.Join(", ", tensor.Shape)}]; a map is [rows, cols], both at least 1");
        long cells = tensor.Shape[0] * tensor.Shape[1];
        if (cells > options.Value.MaxMapCells)
            RpcErrors.InvalidArgument(field + ".shape", $"the map has {cells} cells; at most {options.Value.MaxMapCells} are accepted");
        int size = tensor.Dtype switch
        {
            DType.F32 => 4,
            DType.F16 => 2,
            _ => throw RpcErrors.InvalidArgumentException(field + ".dtype", $"dtype {tensor.Dtype} is not accepted; allowed: DTYPE_F32, DTYPE_F16"),
        };
        if (tensor.Data.Length != cells * size)
            RpcErrors.InvalidArgument(field + ".data", $"the data is {tensor.Data.Length} bytes; a [{tensor.Shape[0]}, {tensor.Shape[1]}] {tensor.Dtype} map needs {cells * size}");
        var bytes = tensor.Data.Span;
        var map = new float[cells];
        for (int i = 0; i < map.Length; i++)
            map[i] = size == 4 ? BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]) : (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(2 * i)..]);
        return (map, new ImageGrid((int)tensor.Shape[0], (int)tensor.Shape[1]));
    }

    ObjectMask Mask(RleMask? rle)
    {
        if (rle is null) throw RpcErrors.InvalidArgumentException("mask", "no mask was sent; send the object's RleMask at image size");
        long pixels = (long)rle.Height * rle.Width;
        if (rle.Height < 1 || rle.Width < 1 || pixels > images.Value.MaxPixels)
            RpcErrors.InvalidArgument("mask", $"the mask is {rle.Height}x{rle.Width}; both sides must be at least 1 and the area at most {images.Value.MaxPixels} pixels");
        ObjectMask mask;
        try
        {
            mask = RowMajorRle.Decode(rle.Height, rle.Width, rle.Counts);
        }
        catch (ArgumentException e)
        {
            throw RpcErrors.InvalidArgumentException("mask.counts", e);
        }
        if (mask.Area == 0) RpcErrors.InvalidArgument("mask", "the mask is empty: there is no object to localize against");
        return mask;
    }

    static LocalizationTolerance Tolerance(Contracts.Segmentation.V1.Tolerance? tolerance)
    {
        try
        {
            return tolerance?.UnitCase switch
            {
                Contracts.Segmentation.V1.Tolerance.UnitOneofCase.Pixels => LocalizationTolerance.Pixels(tolerance.Pixels),
                Contracts.Segmentation.V1.Tolerance.UnitOneofCase.Cells => LocalizationTolerance.Cells(tolerance.Cells),
                _ => LocalizationTolerance.None,
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            throw RpcErrors.InvalidArgumentException("tolerance", $"the tolerance is {tolerance}; it must be a finite distance of 0 or more");
        }
    }
}
