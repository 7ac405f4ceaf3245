using Grpc.Core;
using Mesh.Contracts.Decoder.V1;
using Mesh.Decoder.Streaming;
using Mesh.TestKit;

namespace Mesh.Decoder.Tests.Streaming;

/// <summary>The producer thread and the call: order, write options, backpressure, and how a run ends early.</summary>
public sealed class EventStreamTests
{
    static GenerateEvent Token(int index) => new() { Token = new TokenEvent { Index = index } };

    /// <summary>A producer of <paramref name="count"/> tokens that counts what it produced and notes when it stopped.</summary>
    sealed class Producer(int count = int.MaxValue)
    {
        public int Produced;
        public bool Stopped;

        public void Run(Action<GenerateEvent> send, CancellationToken cancellationToken)
        {
            try
            {
                for (int i = 0; i < count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    send(Token(i));
                    Interlocked.Increment(ref Produced);
                }
            }
            finally
            {
                Stopped = true;
            }
        }
    }

    [Fact]
    public async Task EventsArriveInOrderWithTheWritersOptions()
    {
        var writer = new FakeServerStreamWriter<GenerateEvent> { WriteOptions = new WriteOptions(WriteFlags.NoCompress) };
        await EventStream.RunAsync(new Producer(200).Run, writer, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 200), writer.Messages.Select(m => m.Token.Index));
        Assert.All(writer.Options, o => Assert.Equal(WriteFlags.NoCompress, o!.Flags));
    }

    [Fact]
    public async Task ACancelledCallStopsTheProducerAtItsNextStep()
    {
        var writer = new FakeServerStreamWriter<GenerateEvent>().CancelAfter(3);
        var producer = new Producer();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EventStream.RunAsync(producer.Run, writer, writer.CallCancelled));
        Assert.True(producer.Stopped);                               // RunAsync returns only once the producer has stopped
        Assert.Equal(3, writer.Messages.Count);
        Assert.InRange(producer.Produced, 3, 3 + 64 + 2);            // what was in flight: the channel's 64 and a write either side
    }

    [Fact]
    public async Task AFailedWriteStopsTheProducerAndEndsTheCallWithItsError()
    {
        var writer = new FakeServerStreamWriter<GenerateEvent>().FailAfter(2, new IOException("the connection was reset"));
        var producer = new Producer();
        var error = await Assert.ThrowsAsync<IOException>(() => EventStream.RunAsync(producer.Run, writer, CancellationToken.None));
        Assert.Equal("the connection was reset", error.Message);
        Assert.True(producer.Stopped);
        Assert.Equal(2, writer.Messages.Count);
    }

    [Fact]
    public async Task AProducerErrorEndsTheCallAfterWhatWasSent()
    {
        var writer = new FakeServerStreamWriter<GenerateEvent>();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => EventStream.RunAsync((send, _) =>
        {
            send(Token(0));
            send(Token(1));
            throw new InvalidOperationException("the model failed");
        }, writer, CancellationToken.None));
        Assert.Equal("the model failed", error.Message);
        Assert.Equal([0, 1], writer.Messages.Select(m => m.Token.Index));
    }

    [Fact]
    public async Task ASlowReaderHoldsTheProducerBack()
    {
        var writer = new FakeServerStreamWriter<GenerateEvent>();
        writer.HoldWrites();
        var producer = new Producer(1000);
        var run = EventStream.RunAsync(producer.Run, writer, CancellationToken.None);
        await Polling.UntilAsync(() => producer.Produced >= 64, "the channel fills");
        await Task.Delay(200);
        Assert.InRange(producer.Produced, 64, 64 + 2);               // the channel's 64, one being written, one waiting to enter
        Assert.Empty(writer.Messages);
        writer.ReleaseWrites();
        await run;
        Assert.Equal(1000, writer.Messages.Count);
    }
}
