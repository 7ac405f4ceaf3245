using System.Diagnostics;
using Mesh.ServiceDefaults.Queueing;
using Mesh.TestKit;

namespace Mesh.Decoder.Tests.Grpc;

/// <summary>
/// The summary's time to first token and total time count from the request's arrival, the queue wait included, as
/// generation.proto says: a client that waited behind another request sees that wait in the figures it is given.
/// </summary>
public sealed class QueueWaitTimesTests
{
    [Fact]
    public async Task ARequestThatWaitedInTheQueueReportsTheWaitInItsTimes()
    {
        await using var host = await DecoderHost.StartReadyAsync(new Dictionary<string, string?>
        {
            ["Decoder:ModelDirectory"] = TinyLlava.Directory,
            ["Decoder:Queue:MaxConcurrency"] = "1",
            ["Decoder:Queue:MaxWaiting"] = "1",
        });
        var client = new Contracts.Decoder.V1.Decoder.DecoderClient(host.Channel);
        var queue = host.Get<BoundedRequestQueue>();

        var held = Stopwatch.StartNew();
        var slot = await queue.EnterAsync(CancellationToken.None);
        using var call = client.Generate(TinyLlava.Request(2));
        await Polling.UntilAsync(() => queue.Waiting == 1, "the request waits in the queue");
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        slot.Dispose();
        double waited = held.Elapsed.TotalSeconds;

        var events = new List<Contracts.Decoder.V1.GenerateEvent>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None)) events.Add(call.ResponseStream.Current);
        var summary = events[^1].Summary;

        // The slot was held for `waited` seconds from before the request was sent; at least 0.3 s of it with the request queued.
        Assert.InRange(summary.TimeToFirstToken.ToTimeSpan().TotalSeconds, 0.3, waited + 60);
        Assert.True(summary.TotalTime.ToTimeSpan() >= summary.TimeToFirstToken.ToTimeSpan());
    }
}
