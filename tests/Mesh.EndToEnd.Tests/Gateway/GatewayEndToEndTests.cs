using Mesh.TestKit;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Decoder.V1;
using Proto = Mesh.Contracts.Decoder.V1;

namespace Mesh.EndToEnd.Tests.Gateway;

/// <summary>Describing through the real gateway: traces, a knockout and cancellation mid-stream.</summary>
public sealed class GatewayEndToEndTests(LocalMesh mesh) : IClassFixture<LocalMesh>
{
    internal static async Task<List<GenerateEvent>> Events(Proto.Decoder.DecoderClient client, GenerateRequest request, Metadata? headers = null)
    {
        using var call = client.Generate(request, headers);
        var events = new List<GenerateEvent>();
        await foreach (var e in call.ResponseStream.ReadAllAsync()) events.Add(e);
        return events;
    }

    Proto.Decoder.DecoderClient Client(GrpcChannel channel) => new(channel);

    [Fact]
    public async Task ADescriptionWithTracesComesThroughTheGateway()
    {
        using var channel = GrpcChannel.ForAddress($"http://{mesh.Address}");
        var request = TinyLlava.Request(12);
        request.Trace = new Proto.TraceOptions { Level = Proto.TraceLevel.Fractions };
        var events = await Events(Client(channel), request);
        Assert.Equal(TinyLlava.GeneratedIds, events.Where(e => e.Token is not null).Select(e => e.Token.Id));
        var traces = events.Where(e => e.Traces is not null).Select(e => e.Traces).ToList();
        Assert.Equal(12, traces.Count);
        Assert.All(traces.SelectMany(t => t.Layers), l => Assert.InRange(l.Image + l.Query + l.Generated, 1 - 1e-5f, 1 + 1e-5f));
    }

    [Fact]
    public async Task TheFixtureKnockoutComesThroughTheGateway()
    {
        using var channel = GrpcChannel.ForAddress($"http://{mesh.Address}");
        var request = TinyLlava.Request(12);
        request.Knockout = TinyLlava.Knockout();
        var events = await Events(Client(channel), request);
        Assert.Equal(TinyLlava.KnockoutIds, events.Where(e => e.Token is not null).Select(e => e.Token.Id));
    }

    [Fact]
    public async Task CancellingMidStreamStopsTheGenerationAndFreesTheDecoder()
    {
        using var channel = GrpcChannel.ForAddress($"http://{mesh.Address}");
        var client = Client(channel);
        using var cancel = new CancellationTokenSource();
        // Every head's row in every layer makes each event big enough that the buffers between the decoder and
        // this reader fill long before the run could end (it stops at token 156): the call is still going when cancelled.
        var request = TinyLlava.Request(200);
        request.Trace = new TraceOptions { Level = TraceLevel.FullRows };
        using (var call = client.Generate(request, cancellationToken: cancel.Token))
        {
            for (int i = 0; i < 3; i++) Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            cancel.Cancel();
            var error = await Assert.ThrowsAsync<RpcException>(async () => { while (await call.ResponseStream.MoveNext(CancellationToken.None)) { } });
            Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        }
        // The only decoder takes one request and lets none wait: a new call succeeds once the cancelled one has stopped.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                Assert.Equal(TinyLlava.GeneratedIds[..2], (await Events(client, TinyLlava.Request(2))).Where(e => e.Token is not null).Select(e => e.Token.Id));
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
