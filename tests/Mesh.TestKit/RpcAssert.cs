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
}
