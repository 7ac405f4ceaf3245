using Google.Rpc;
using Grpc.Core;
using Mesh.ServiceDefaults.Health;
using Mesh.ServiceDefaults.Hosting;
using Mesh.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.ServiceDefaults.Tests.Hosting;

/// <summary>The host on its own: what a request and readiness see before, during and after a load (the failure policy).</summary>
public sealed class ModelHostTests : IAsyncDisposable
{
    readonly GatedLoader _loader = new();
    readonly ServiceReadiness _readiness = new();
    readonly FakeTimeProvider _time = new();
    readonly ModelHost<TestModel> _host;

    public ModelHostTests() => _host = new ModelHost<TestModel>(_loader, _readiness, _time, NullLogger<ModelHost<TestModel>>.Instance);

    static RpcException Unavailable(Func<object> read)
    {
        var error = Assert.Throws<RpcException>(read);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        return error;
    }

    static TimeSpan RetryDelay(RpcException error) => error.GetRpcStatus()!.GetDetail<RetryInfo>().RetryDelay.ToTimeSpan();

    // Advances the fake clock in small steps until the host starts another attempt; returns the time that took.
    async Task<TimeSpan> AdvanceUntilAttemptAsync(int attempt)
    {
        var advanced = TimeSpan.Zero;
        while (_loader.Started < attempt)
        {
            Assert.True(advanced < TimeSpan.FromMinutes(5), $"no attempt {attempt} after {advanced} of waiting");
            _time.Advance(TimeSpan.FromMilliseconds(250));
            advanced += TimeSpan.FromMilliseconds(250);
            await Task.Delay(5);
        }
        return advanced;
    }

    [Fact]
    public async Task RequestsAreUnavailableWhileLoadingAndTheModelIsServedOnceLoaded()
    {
        await _host.StartAsync(CancellationToken.None);
        var attempt = await _loader.NextAttemptAsync();

        var loading = Unavailable(() => _host.Model);
        Assert.Equal("the test service is still loading model directory /models/test-model; retry shortly (see /health/ready).", loading.Status.Detail);
        Assert.Equal(TimeSpan.FromSeconds(1), RetryDelay(loading));
        Assert.False(_readiness.IsReady);
        Assert.Equal("starting: loading model directory /models/test-model", _readiness.Description);
        Assert.Null(_host.Loaded);
        var whenLoaded = _host.WhenLoadedAsync(CancellationToken.None);
        Assert.False(whenLoaded.IsCompleted);

        var model = new TestModel();
        attempt.SetResult(model);

        Assert.Same(model, await whenLoaded.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Same(model, _host.Model);
        Assert.True(_readiness.IsReady);
        Assert.Equal("test-model loaded: 16 image tokens", _readiness.Description);
    }

    [Fact]
    public async Task AFailedLoadIsUnavailableWithTheServiceTheSourceAndTheReasonThenRetriedWithBackoff()
    {
        await _host.StartAsync(CancellationToken.None);
        (await _loader.NextAttemptAsync()).SetException(new FileNotFoundException("vision.onnx is missing"));
        await Polling.UntilAsync(() => _readiness.Description.Contains("failed"), "the first load failed");

        var failed = Unavailable(() => _host.Model);
        Assert.Equal("the test service is not ready: loading model directory /models/test-model failed: vision.onnx is missing (next try in 2 s).",
                     failed.Status.Detail);
        Assert.Equal(TimeSpan.FromSeconds(2), RetryDelay(failed));
        Assert.False(_readiness.IsReady);
        Assert.Equal("loading model directory /models/test-model failed: vision.onnx is missing; retrying in 2 s", _readiness.Description);

        Assert.True(await AdvanceUntilAttemptAsync(2) >= TimeSpan.FromSeconds(2));
        (await _loader.NextAttemptAsync()).SetException(new IOException("disk error"));
        await Polling.UntilAsync(() => _readiness.Description.Contains("disk error"), "the second load failed");
        Assert.EndsWith("retrying in 4 s", _readiness.Description);
        Assert.Contains("disk error (next try in 4 s)", Unavailable(() => _host.Model).Status.Detail);

        Assert.True(await AdvanceUntilAttemptAsync(3) >= TimeSpan.FromSeconds(4));
        var model = new TestModel();
        (await _loader.NextAttemptAsync()).SetResult(model);
        await Polling.UntilAsync(() => _readiness.IsReady, "the third load worked");
        Assert.Same(model, _host.Model);
    }

    [Fact]
    public async Task StoppingUnloadsTheModelAndEndsAPendingWait()
    {
        await _host.StartAsync(CancellationToken.None);
        var model = new TestModel();
        (await _loader.NextAttemptAsync()).SetResult(model);
        await Polling.UntilAsync(() => _readiness.IsReady, "the model is loaded");

        await _host.StopAsync(CancellationToken.None);

        Assert.True(model.Disposed);
        Assert.Contains("shutting down", Unavailable(() => _host.Model).Status.Detail);
    }

    [Fact]
    public async Task StoppingDuringALoadLeavesNoFailureBehind()
    {
        await _host.StartAsync(CancellationToken.None);
        await _loader.NextAttemptAsync();
        var whenLoaded = _host.WhenLoadedAsync(CancellationToken.None);

        await _host.StopAsync(CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => whenLoaded);
        Assert.Equal("starting: loading model directory /models/test-model", _readiness.Description);
        Assert.Equal(1, _loader.Started);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
