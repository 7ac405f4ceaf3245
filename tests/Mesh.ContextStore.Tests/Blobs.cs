using Grpc.Core;
using Google.Rpc;
using Mesh.Contracts.ContextStore.V1;

namespace Mesh.ContextStore.Tests;

/// <summary>Test data and status checks shared by the store's tests.</summary>
internal static class Blobs
{
    /// <summary><paramref name="size"/> pseudo-random bytes from <paramref name="seed"/>.</summary>
    public static byte[] Random(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Metadata of a context of <paramref name="model"/>, labelled with <paramref name="name"/>.</summary>
    public static ContextMetadata Metadata(string name, string model = "tiny-llava") => new()
    {
        ModelId = model, Format = "mesh.kv.v1", Labels = { ["name"] = name, ["k"] = "0.25" },
    };

    /// <summary>Awaits <paramref name="call"/>, which must fail with <paramref name="code"/>.</summary>
    public static async Task<RpcException> Refused(StatusCode code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, error.StatusCode);
        return error;
    }

    /// <summary>The field an INVALID_ARGUMENT names in its BadRequest detail.</summary>
    public static string Field(RpcException error) => Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field;
}
