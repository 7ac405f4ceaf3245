using Grpc.Net.Client;
using Mesh.Contracts.Decoder.V1;
using Mesh.TestKit;

namespace Mesh.EndToEnd.Tests.Gateway;

/// <summary>A killed decoder replica: once the gateway's probe sees it gone, every new call goes to the healthy one.</summary>
public sealed class ReplicaFailoverTests(TwoReplicaMesh mesh) : IClassFixture<TwoReplicaMesh>
{
    [Fact]
    public async Task NewCallsGoToTheHealthyReplicaAfterOneIsKilled()
    {
        using var channel = GrpcChannel.ForAddress($"http://{mesh.Address}");
        var client = new Mesh.Contracts.Decoder.V1.Decoder.DecoderClient(channel);
        await mesh.Decoders[0].DisposeAsync();
        mesh.Decoders.RemoveAt(0);
        await Task.Delay(TimeSpan.FromSeconds(1));   // a few probe intervals
        for (int i = 0; i < 6; i++)
        {
            var events = await GatewayEndToEndTests.Events(client, GatewayEndToEndTests.Request(3));
            Assert.Equal(LocalMesh.FixtureIds[..3], events.Where(e => e.Token is not null).Select(e => e.Token.Id));
        }
    }
}
