using System.Diagnostics.CodeAnalysis;
using Mesh.ServiceDefaults.Grpc;

namespace Mesh.ContextStore.Storage;

/// <summary>The store's statuses for one entry (docs/design.md section 7), worded once for both backends.</summary>
public static class StoreErrors
{
    /// <summary>Resource type named in NOT_FOUND details.</summary>
    public const string ResourceType = "mesh.contextstore.v1.ContextEntry";

    /// <summary>NOT_FOUND: the id is unknown, expired, evicted or deleted.</summary>
    [DoesNotReturn]
    public static void NotFound(ContextId id) =>
        RpcErrors.NotFound(ResourceType, id.Value,
            $"No context {id}: it was never stored here, or it expired, was evicted for capacity, or was deleted.");

    /// <summary>DATA_LOSS: the entry's stored bytes are corrupt; it has been taken out of the store.</summary>
    [DoesNotReturn]
    public static void DataLoss(ContextId id, string reason) =>
        RpcErrors.DataLoss(id.Value, $"Context {id} is corrupt ({reason}); it was removed from the store and is not served.");
}
