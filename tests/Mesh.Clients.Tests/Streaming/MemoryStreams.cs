using Grpc.Core;

namespace Mesh.Clients.Tests.Streaming;

/// <summary>A stream writer that keeps what was written.</summary>
internal sealed class RecordingWriter<T> : IAsyncStreamWriter<T> where T : Google.Protobuf.IMessage<T>
{
    public List<T> Messages { get; } = [];
    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

    public Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        Messages.Add(message.Clone()); // the writer may reuse buffers: keep a copy, as the wire would
        return Task.CompletedTask;
    }
}

/// <summary>A stream reader over given messages that counts how many were taken.</summary>
internal sealed class ScriptedReader<T>(IEnumerable<T> messages) : IAsyncStreamReader<T>
{
    readonly IEnumerator<T> _messages = messages.GetEnumerator();

    public int Taken { get; private set; }
    public T Current => _messages.Current;

    public Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        bool more = _messages.MoveNext();
        if (more) Taken++;
        return Task.FromResult(more);
    }
}
