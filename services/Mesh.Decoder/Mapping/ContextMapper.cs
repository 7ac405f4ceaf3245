using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Interp.Contexts;
using Mesh.ServiceDefaults.Grpc;

namespace Mesh.Decoder.Mapping;

/// <summary>Compress's storage type and kept parts in Mesh.Core's terms; unknown values are INVALID_ARGUMENT.</summary>
internal static class ContextMapper
{
    public static ContextStorage Storage(DType dtype) => dtype switch
    {
        DType.Unspecified or DType.F16 => ContextStorage.F16,
        DType.F32 => ContextStorage.F32,
        DType.Bf16 => ContextStorage.BF16,
        DType.Int8 => ContextStorage.Int8,
        var other => throw RpcErrors.InvalidArgumentException("storage_dtype", $"unknown storage type {other}; allowed: F16 (default), F32, BF16, INT8"),
    };

    /// <summary>The storage type a response reports: F16 when the request left it unspecified.</summary>
    public static DType StorageDType(DType requested) => requested == DType.Unspecified ? DType.F16 : requested;

    public static ContextContents Contents(ContextParts parts) => parts switch
    {
        ContextParts.Unspecified or ContextParts.QueryAndImage => ContextContents.QueryAndImage,
        ContextParts.ImageOnly => ContextContents.ImageOnly,
        var other => throw RpcErrors.InvalidArgumentException("parts", $"unknown context parts {(int)other}; allowed: QUERY_AND_IMAGE (default), IMAGE_ONLY"),
    };
}
