using Google.Rpc;
using Grpc.Core;
using Xunit;

namespace Mesh.TestKit;

/// <summary>Assertions on gRPC failures: the status code and what the message says.</summary>
public static class RpcAssert
{
    /// <summary>Asserts that <paramref name="call"/> fails with <paramref name="code"/> and a message containing <paramref name="messagePart"/>.</summary>
    public static async Task<RpcException> FailsAsync(StatusCode code, string messagePart, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, error.StatusCode);
        Assert.Contains(messagePart, error.Status.Detail);
        return error;
    }

    /// <summary>
    /// Asserts that <paramref name="call"/> is refused with INVALID_ARGUMENT naming <paramref name="field"/> in its
    /// <see cref="BadRequest"/>, in words of the service's own (no .NET exception text); returns the message.
    /// </summary>
    public static string InvalidArgument(string field, Action call)
    {
        var error = Assert.Throws<RpcException>(call);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(field, Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
        Assert.DoesNotContain("Actual value", error.Status.Detail);
        Assert.DoesNotContain("(Parameter '", error.Status.Detail);
        return error.Status.Detail;
    }
}
