using Google.Rpc;
using Grpc.Core;
using Mesh.ServiceDefaults.Queueing;
using Mesh.ServiceDefaults.Telemetry;
using Mesh.TestKit;

namespace Mesh.ServiceDefaults.Tests.Queueing;

public sealed class BoundedRequestQueueTests : IDisposable
{
    readonly TestTelemetry _telemetry = new();

    BoundedRequestQueue Queue(int concurrency, int waiting) =>
        new("test", new RequestQueueOptions { MaxConcurrency = concurrency, MaxWaiting = waiting }, _telemetry.Telemetry);

    [Fact]
    public async Task AFullQueueRefusesWithResourceExhausted()
    {
        using var queue = Queue(concurrency: 1, waiting: 1);
        using var running = await queue.EnterAsync(CancellationToken.None);
        var waiting = queue.EnterAsync(CancellationToken.None).AsTask();

        var error = await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, "1 requests are running and 1 waiting",
            async () => await queue.EnterAsync(CancellationToken.None));

        Assert.Equal("request queue", Assert.Single(error.GetRpcStatus()!.GetDetail<QuotaFailure>().Violations).Subject);
        Assert.False(waiting.IsCompleted);
        running.Dispose();
        (await waiting).Dispose();
    }

    [Fact]
    public async Task WaitersAreServedInOrderOfArrival()
    {
        using var queue = Queue(concurrency: 1, waiting: 2);
        var first = await queue.EnterAsync(CancellationToken.None);
        var second = queue.EnterAsync(CancellationToken.None).AsTask();
        var third = queue.EnterAsync(CancellationToken.None).AsTask();

        first.Dispose();
        var secondSlot = await second;

        Assert.False(third.IsCompleted);
        secondSlot.Dispose();
        (await third).Dispose();
    }

    [Fact]
    public async Task ACancelledWaiterLeavesTheQueue()
    {
        using var queue = Queue(concurrency: 1, waiting: 1);
        var running = await queue.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = queue.EnterAsync(cancel.Token).AsTask();
        Assert.Equal(1, queue.Waiting);

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, queue.Waiting);
        var next = queue.EnterAsync(CancellationToken.None).AsTask(); // the freed place can be taken again
        running.Dispose();
        (await next).Dispose();
        Assert.Equal(0, queue.Running);
    }

    [Fact]
    public async Task DepthWaitAndRejectionsAreRecorded()
    {
        using var depth = _telemetry.Collect<long>("mesh.queue.depth");
        using var wait = _telemetry.Collect<double>("mesh.queue.wait");
        using var rejected = _telemetry.Collect<long>("mesh.queue.rejected");
        using var queue = Queue(concurrency: 1, waiting: 0);

        using (await queue.EnterAsync(CancellationToken.None))
            await Assert.ThrowsAsync<RpcException>(async () => await queue.EnterAsync(CancellationToken.None));

        Assert.Equal([1, -1, 1, -1], depth.GetMeasurementSnapshot().Select(m => m.Value));
        Assert.Single(wait.GetMeasurementSnapshot());
        var refusal = Assert.Single(rejected.GetMeasurementSnapshot());
        Assert.Equal("test", refusal.Tags[MeshTelemetry.Tags.Queue]);
    }

    public void Dispose() => _telemetry.Dispose();
}
