using Mesh.TestKit;
using Grpc.Core;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Decoder.V1;

namespace Mesh.Decoder.Tests.Grpc;

/// <summary>One request at a time, none waiting: a second call is refused while the first holds the slot; cancelling frees it.</summary>
public sealed class DecoderQueueTests(DecoderHost host) : IClassFixture<DecoderHost>
{
    [Fact]
    public async Task AFullQueueRefusesWithResourceExhaustedAndCancellationFreesTheSlot()
    {
        using var cancel = new CancellationTokenSource();
        using var first = await HoldTheSlotAsync(cancel.Token);

        var refused = await Assert.ThrowsAsync<RpcException>(() => host.GenerateAsync(TinyLlava.Request(1)));
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);

        cancel.Cancel();
        var cancelled = await Assert.ThrowsAsync<RpcException>(async () => { while (await first.ResponseStream.MoveNext(CancellationToken.None)) { } });
        Assert.Equal(StatusCode.Cancelled, cancelled.StatusCode);
        first.Dispose();
        await WaitForTheSlotAsync();
    }

    [Fact]
    public async Task ARequestThatFindsTheQueueFullIsRefusedBeforeItIsMapped()
    {
        using var cancel = new CancellationTokenSource();
        using (await HoldTheSlotAsync(cancel.Token))
        {
            // Layer 99 does not exist: only mapping could tell, so RESOURCE_EXHAUSTED says the request was not mapped.
            var unmapped = TinyLlava.Request(1);
            unmapped.Knockout = new Knockout { Layers = new LayerSet { Layers = new LayerList { Layers = { 99 } } } };
            unmapped.Knockout.Edges.Add(new KnockoutEdge { Source = new() { Group = TokenGroup.Image }, Target = new() { Group = TokenGroup.Generated } });
            var refused = await Assert.ThrowsAsync<RpcException>(() => host.GenerateAsync(unmapped));
            Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
            cancel.Cancel();
        }
        await WaitForTheSlotAsync();
    }

    /// <summary>
    /// A call that holds the decoder's only slot until <paramref name="cancellationToken"/> fires: a reader that stops
    /// after two events, and events big enough (every head's row, every layer) that the stream's channel and the HTTP/2
    /// windows fill long before the run could end (it stops at token 156). With token events alone the whole run fits
    /// in the buffers.
    /// </summary>
    async Task<AsyncServerStreamingCall<GenerateEvent>> HoldTheSlotAsync(CancellationToken cancellationToken)
    {
        var holding = TinyLlava.Request(200);
        holding.Trace = new TraceOptions { Level = TraceLevel.FullRows };
        var call = host.Client.Generate(holding, cancellationToken: cancellationToken);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(GenerateEvent.EventOneofCase.Token, call.ResponseStream.Current.EventCase);
        return call;
    }

    /// <summary>The slot comes back once the generation thread has stopped.</summary>
    async Task WaitForTheSlotAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                var events = await host.GenerateAsync(TinyLlava.Request(3));
                Assert.Equal(3, events[^1].Summary.GeneratedTokens);
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
