using System.Diagnostics.CodeAnalysis;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Mesh.ServiceDefaults.Grpc;

/// <summary>
/// The statuses of docs/design.md section 7 as <see cref="RpcException"/>s with <c>google.rpc</c> details
/// (read them with <c>exception.GetRpcStatus()</c>), so RPC methods read as the happy path (CONTRIBUTING.md habit 4).
/// Each message says what was wrong and what is allowed.
/// </summary>
public static class RpcErrors
{
    /// <summary>INVALID_ARGUMENT with a <see cref="BadRequest"/> naming <paramref name="field"/> (proto field path, e.g. <c>sampling.top_p</c>).</summary>
    [DoesNotReturn]
    public static void InvalidArgument(string field, string message) => throw InvalidArgumentException(field, message);

    /// <summary>The exception <see cref="InvalidArgument"/> throws, for expression contexts.</summary>
    public static RpcException InvalidArgumentException(string field, string message) =>
        Create(Code.InvalidArgument, message, new BadRequest
        {
            FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = message } },
        });

    /// <summary>
    /// INVALID_ARGUMENT under <paramref name="field"/> with a domain type's refusal: its message without the
    /// " (Parameter 'x')" .NET appends, which names a C# parameter the caller never sees.
    /// </summary>
    public static RpcException InvalidArgumentException(string field, ArgumentException refusal) =>
        InvalidArgumentException(field, refusal.ParamName is { } name ? refusal.Message.Replace($" (Parameter '{name}')", "") : refusal.Message);

    /// <summary>NOT_FOUND with a <see cref="ResourceInfo"/> naming the missing resource.</summary>
    [DoesNotReturn]
    public static void NotFound(string resourceType, string resourceName, string message) =>
        throw Create(Code.NotFound, message, new ResourceInfo { ResourceType = resourceType, ResourceName = resourceName, Description = message });

    /// <summary>RESOURCE_EXHAUSTED with a <see cref="QuotaFailure"/> naming the exhausted limit.</summary>
    [DoesNotReturn]
    public static void ResourceExhausted(string subject, string message) =>
        throw Create(Code.ResourceExhausted, message, new QuotaFailure
        {
            Violations = { new QuotaFailure.Types.Violation { Subject = subject, Description = message } },
        });

    /// <summary>UNAVAILABLE with a <see cref="RetryInfo"/> suggesting when to retry (model loading, backend down).</summary>
    [DoesNotReturn]
    public static void Unavailable(string message, TimeSpan retryDelay) =>
        throw Create(Code.Unavailable, message, new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryDelay) });

    /// <summary>FAILED_PRECONDITION: the request is valid but the system is not in a state to run it.</summary>
    [DoesNotReturn]
    public static void FailedPrecondition(string message) => throw Create(Code.FailedPrecondition, message);

    /// <summary>INTERNAL: the mesh broke its own contract (another service's reply did not fit it), not the caller's request.</summary>
    [DoesNotReturn]
    public static void Internal(string message) => throw Create(Code.Internal, message);

    /// <summary>DATA_LOSS: stored data is corrupt and is not served.</summary>
    [DoesNotReturn]
    public static void DataLoss(string resourceName, string message) =>
        throw Create(Code.DataLoss, message, new ResourceInfo { ResourceName = resourceName, Description = message });

    /// <summary>
    /// INVALID_ARGUMENT for a request that is not a valid protobuf message of <paramref name="method"/> (malformed bytes,
    /// a string that is not UTF-8), with a <see cref="BadRequest"/> naming no single field.
    /// </summary>
    public static RpcException MalformedMessageException(string method) =>
        Create(Code.InvalidArgument, $"The request to {method} is not a valid protobuf message of its type (malformed bytes, or a string " +
                                     "that is not UTF-8); encode it with the service's .proto files.",
               new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = "", Description = "not a valid protobuf message" } } });

    static RpcException Create(Code code, string message, params Google.Protobuf.IMessage[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        foreach (var detail in details) status.Details.Add(Any.Pack(detail));
        return status.ToRpcException();
    }
}
