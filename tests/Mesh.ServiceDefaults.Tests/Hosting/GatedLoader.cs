using System.Threading.Channels;
using Mesh.ServiceDefaults.Hosting;

namespace Mesh.ServiceDefaults.Tests.Hosting;

/// <summary>A model a test can watch being released.</summary>
internal sealed class TestModel : IDisposable
{
    public bool Disposed { get; private set; }
    public void Dispose() => Disposed = true;
}

/// <summary>A loader whose every attempt waits until the test ends it with a model or an exception.</summary>
internal sealed class GatedLoader : IModelLoader<TestModel>
{
    readonly Channel<TaskCompletionSource<TestModel>> _attempts = Channel.CreateUnbounded<TaskCompletionSource<TestModel>>();
    int _started;

    public string Service => "the test service";
    public string Source => "model directory /models/test-model";

    /// <summary>Attempts started so far.</summary>
    public int Started => Volatile.Read(ref _started);

    public async Task<TestModel> LoadAsync(CancellationToken cancellationToken)
    {
        var attempt = new TaskCompletionSource<TestModel>(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref _started);
        await _attempts.Writer.WriteAsync(attempt, cancellationToken);
        return await attempt.Task.WaitAsync(cancellationToken);
    }

    public string Describe(TestModel model) => "test-model loaded: 16 image tokens";

    /// <summary>The next attempt, once the host has started it.</summary>
    public async Task<TaskCompletionSource<TestModel>> NextAttemptAsync() =>
        await _attempts.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
}
