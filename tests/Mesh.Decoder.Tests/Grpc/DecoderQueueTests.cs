using Mesh.TestKit;
using Grpc.Core;
using Mesh.Contracts.Decoder.V1;

namespace Mesh.Decoder.Tests.Grpc;

/// <summary>One request at a time, none waiting: a second call is refused while the first holds the slot; cancelling frees it.</summary>
public sealed class DecoderQueueTests(DecoderHost host) : IClassFixture<DecoderHost>
{
    [Fact]
    public async Task AFullQueueRefusesWithResourceExhaustedAndCancellationFreesTheSlot()
    {
        using var cancel = new CancellationTokenSource();
        // A reader that stops after two events, and events big enough (every head's row, every layer) that the
        // stream's channel and the HTTP/2 windows fill long before the run could end (it stops at token 156):
        // the producer waits, holding the slot. With token events alone the whole run fits in the buffers.
        var holding = TinyLlava.Request(200);
        holding.Trace = new TraceOptions { Level = TraceLevel.FullRows };
        var first = host.Client.Generate(holding, cancellationToken: cancel.Token);
        Assert.True(await first.ResponseStream.MoveNext(CancellationToken.None));
        Assert.True(await first.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(GenerateEvent.EventOneofCase.Token, first.ResponseStream.Current.EventCase);

        var refused = await Assert.ThrowsAsync<RpcException>(() => host.GenerateAsync(TinyLlava.Request(1)));
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);

        cancel.Cancel();
        var cancelled = await Assert.ThrowsAsync<RpcException>(async () => { while (await first.ResponseStream.MoveNext(CancellationToken.None)) { } });
        Assert.Equal(StatusCode.Cancelled, cancelled.StatusCode);
        first.Dispose();

        // The slot comes back once the generation thread has stopped.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                var events = await host.GenerateAsync(TinyLlava.Request(3));
                Assert.Equal(3, events[^1].Summary.GeneratedTokens);
                break;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
