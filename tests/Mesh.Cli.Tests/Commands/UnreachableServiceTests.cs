using Grpc.Core;
using Mesh.Cli.Commands;

namespace Mesh.Cli.Tests.Commands;

/// <summary>When nothing answers at the address, the CLI says which service it looked for, where, and how to start it.</summary>
public sealed class UnreachableServiceTests
{
    [Fact]
    public async Task AskWithNothingListeningNamesTheGatewayTheAddressAndMeshUp()
    {
        var (exitCode, output) = await MeshCli.RunAsync(["ask", "ctx", "what colour", "--address", "http://127.0.0.1:1"]);

        Assert.Equal(3, exitCode);
        Assert.Contains("could not reach the mesh gateway at http://127.0.0.1:1", output);
        Assert.Contains("start the mesh with `mesh up`, or pass --address", output);
        Assert.DoesNotContain("subchannel", output);
    }

    [Fact]
    public async Task JudgeNamesItsServiceAndTheLocalAlternative()
    {
        var (exitCode, output) = await MeshCli.RunAsync(["judge", "--reference", "a circle", "--candidate", "a square", "--server", "http://127.0.0.1:1"]);

        Assert.Equal(3, exitCode);
        Assert.Contains("could not reach the judge service at http://127.0.0.1:1", output);
        Assert.Contains("leave out --server to judge here", output);
    }

    [Fact]
    public void AnUnavailableStatusTheServiceSentIsNotUnreachable()
    {
        var sent = new RpcException(new Status(StatusCode.Unavailable, "the decoder is not ready: loading"));
        var refused = new RpcException(new Status(StatusCode.Unavailable, "Error connecting to subchannel.", new IOException("Connection refused")));

        Assert.False(ServiceTarget.IsUnreachable(sent));
        Assert.True(ServiceTarget.IsUnreachable(refused));
        Assert.Equal("could not reach the mesh gateway at http://h:1 (Connection refused); start the mesh with `mesh up`, or pass --address with a running gateway's address",
                     ServiceTarget.Gateway("http://h:1").Unreachable(refused));
    }
}
