using Mesh.TestKit;
using Grpc.Core;
using Grpc.Net.Client;
using Mesh.Contracts.Decoder.V1;

namespace Mesh.EndToEnd.Tests.Gateway;

/// <summary>With keys on, a call without the key is refused at the gateway; with it, the decoder answers.</summary>
public sealed class ApiKeyTests(KeyedMesh mesh) : IClassFixture<KeyedMesh>
{
    [Fact]
    public async Task AnUnauthenticatedCallIsRefusedAndAKeyedOneAnswered()
    {
        using var channel = GrpcChannel.ForAddress($"http://{mesh.Address}");
        var client = new Mesh.Contracts.Decoder.V1.Decoder.DecoderClient(channel);
        var refused = await Assert.ThrowsAsync<RpcException>(() => GatewayEndToEndTests.Events(client, TinyLlava.Request(2)));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        var wrong = await Assert.ThrowsAsync<RpcException>(() =>
            GatewayEndToEndTests.Events(client, TinyLlava.Request(2), new Metadata { { "x-api-key", "not-the-key-at-all-000" } }));
        Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);
        var events = await GatewayEndToEndTests.Events(client, TinyLlava.Request(2), new Metadata { { "x-api-key", LocalMesh.TestKey } });
        Assert.Equal(TinyLlava.GeneratedIds[..2], events.Where(e => e.Token is not null).Select(e => e.Token.Id));
    }
}
