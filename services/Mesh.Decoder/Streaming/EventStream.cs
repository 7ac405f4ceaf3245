using System.Threading.Channels;
using Grpc.Core;
using Mesh.Contracts.Decoder.V1;

namespace Mesh.Decoder.Streaming;

/// <summary>
/// Runs a model producer on its own thread (dispose scopes are thread-static, so no await may happen inside
/// one) and writes its events to the call. Events cross through a bounded channel, so a slow reader slows the
/// model instead of growing memory; a failed write or a cancelled call stops the producer at its next step.
/// </summary>
public static class EventStream
{
    public static async Task RunAsync(Action<Action<GenerateEvent>, CancellationToken> produce, IAsyncStreamWriter<GenerateEvent> writer,
                                      CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<GenerateEvent>(new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true });
        var token = linked.Token;
        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                produce(e => channel.Writer.WriteAsync(e, token).AsTask().GetAwaiter().GetResult(), token);
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
                await writer.WriteAsync(item, cancellationToken);
        }
        finally
        {
            linked.Cancel();
            await producer.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
