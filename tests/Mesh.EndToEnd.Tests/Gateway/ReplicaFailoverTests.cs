using Grpc.Net.Client;
using Mesh.TestKit;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Mesh.EndToEnd.Tests.Gateway;

/// <summary>A killed decoder replica: once the gateway's probe marks it unhealthy, every new call goes to the healthy one.</summary>
public sealed class ReplicaFailoverTests(TwoReplicaMesh mesh) : IClassFixture<TwoReplicaMesh>
{
    DestinationHealth Health(string destination)
    {
        mesh.Gateway.Get<IProxyStateLookup>().TryGetCluster("decoder", out var cluster);
        return cluster?.Destinations.GetValueOrDefault(destination)?.Health.Active ?? DestinationHealth.Unknown;
    }

    [Fact]
    public async Task NewCallsGoToTheHealthyReplicaAfterOneIsKilled()
    {
        using var channel = GrpcChannel.ForAddress($"http://{mesh.Address}");
        var client = new Mesh.Contracts.Decoder.V1.Decoder.DecoderClient(channel);
        await Polling.UntilAsync(() => Health("decoder/0") == DestinationHealth.Healthy && Health("decoder/1") == DestinationHealth.Healthy,
                                 "both decoder replicas pass the gateway's probes");
        await mesh.Decoders[0].DisposeAsync();
        mesh.Decoders.RemoveAt(0);
        await Polling.UntilAsync(() => Health("decoder/0") == DestinationHealth.Unhealthy, "the gateway marks the killed replica unhealthy");
        for (int i = 0; i < 6; i++)
        {
            var events = await GatewayEndToEndTests.Events(client, TinyLlava.Request(3));
            Assert.Equal(TinyLlava.GeneratedIds[..3], events.Where(e => e.Token is not null).Select(e => e.Token.Id));
        }
    }
}
