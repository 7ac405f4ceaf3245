using Grpc.Core;

namespace Mesh.TestKit;

/// <summary>
/// A server-stream writer for testing stream handlers without a server. It records every message with the
/// <see cref="WriteOptions"/> in force when it was written, keeps gRPC's rule of one pending write, and can play
/// the client: cancel the call after some messages (<see cref="CancelAfter"/>, <see cref="CallCancelled"/> is the
/// call's token), break the transport (<see cref="FailAfter"/>) or read slowly (<see cref="HoldWrites"/>).
/// </summary>
public sealed class FakeServerStreamWriter<T> : IServerStreamWriter<T> where T : class
{
    readonly Lock _gate = new();
    readonly List<(T Message, WriteOptions? Options)> _written = [];
    readonly CancellationTokenSource _call = new();
    int? _cancelAfter, _failAfter;
    Exception? _failure;
    TaskCompletionSource? _held;
    bool _pending;

    /// <inheritdoc />
    public WriteOptions? WriteOptions { get; set; }

    /// <summary>The call's cancellation token, as <c>ServerCallContext.CancellationToken</c> would be.</summary>
    public CancellationToken CallCancelled => _call.Token;

    /// <summary>The messages written so far, in order.</summary>
    public IReadOnlyList<T> Messages { get { lock (_gate) return [.. _written.Select(w => w.Message)]; } }

    /// <summary>The write options each message was written with (null: defaults).</summary>
    public IReadOnlyList<WriteOptions?> Options { get { lock (_gate) return [.. _written.Select(w => w.Options)]; } }

    /// <summary>Cancels the call once <paramref name="messages"/> messages are written; later writes see a cancelled call.</summary>
    public FakeServerStreamWriter<T> CancelAfter(int messages)
    {
        lock (_gate) _cancelAfter = messages;
        return this;
    }

    /// <summary>Cancels the call now.</summary>
    public void Cancel() => _call.Cancel();

    /// <summary>Writes after the first <paramref name="messages"/> throw <paramref name="error"/>, as a broken transport does.</summary>
    public FakeServerStreamWriter<T> FailAfter(int messages, Exception error)
    {
        lock (_gate) (_failAfter, _failure) = (messages, error);
        return this;
    }

    /// <summary>Writes wait until <see cref="ReleaseWrites"/> (or cancellation), as with a client that stopped reading.</summary>
    public void HoldWrites()
    {
        lock (_gate) _held ??= new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Lets held writes, and all later ones, through.</summary>
    public void ReleaseWrites()
    {
        TaskCompletionSource? release;
        lock (_gate) (release, _held) = (_held, null);
        release?.TrySetResult();
    }

    /// <summary>Waits until <paramref name="count"/> messages are written (handlers write from another thread).</summary>
    public Task WaitForAsync(int count, TimeSpan? timeout = null) =>
        Polling.UntilAsync(() => { lock (_gate) return _written.Count >= count; }, $"{count} messages are written", timeout);

    /// <inheritdoc />
    public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

    /// <inheritdoc />
    public async Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Task wait;
        lock (_gate)
        {
            if (_pending) throw new InvalidOperationException("only one write can be pending at a time");
            _call.Token.ThrowIfCancellationRequested();
            cancellationToken.ThrowIfCancellationRequested();
            if (_written.Count >= _failAfter) throw _failure!;
            _pending = true;
            wait = _held?.Task ?? Task.CompletedTask;
        }
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _call.Token);
            await wait.WaitAsync(linked.Token);
            bool cancel;
            lock (_gate)
            {
                _written.Add((message, WriteOptions));
                cancel = _written.Count == _cancelAfter;
            }
            if (cancel) _call.Cancel();
        }
        finally
        {
            lock (_gate) _pending = false;
        }
    }
}
