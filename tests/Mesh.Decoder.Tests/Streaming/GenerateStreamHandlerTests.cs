using Mesh.Contracts.Decoder.V1;
using Mesh.TestKit;
using static Mesh.Contracts.Decoder.V1.GenerateEvent;

namespace Mesh.Decoder.Tests.Streaming;

/// <summary>Generate's handler on tiny-llava without a server: the stream's shape, the reference tokens, traces and cancellation.</summary>
public sealed class GenerateStreamHandlerTests(TinyDecoder decoder) : IClassFixture<TinyDecoder>
{
    async Task<IReadOnlyList<GenerateEvent>> Run(GenerateRequest request)
    {
        var writer = new FakeServerStreamWriter<GenerateEvent>();
        await decoder.Generation.RunAsync(decoder.Mapper.Map(request), writer, System.Diagnostics.Stopwatch.StartNew(), CancellationToken.None);
        return writer.Messages;
    }

    [Fact]
    public async Task TheFixturePromptStreamsItsLayoutTheReferenceTokensAndASummary()
    {
        using var knockouts = decoder.Telemetry.Collect<long>("mesh.decoder.knockout_requests");
        var events = await Run(TinyLlava.Request());

        Assert.Equal((26, 5, 21, 4, 4, ""), (events[0].Prompt.PromptTokens, events[0].Prompt.ImageStart, events[0].Prompt.ImageEnd,
                                             events[0].Prompt.GridRows, events[0].Prompt.GridCols, events[0].Prompt.EmbeddingKey));
        Assert.Equal(TinyLlava.GeneratedIds, events.Where(e => e.EventCase == EventOneofCase.Token).Select(e => e.Token.Id));
        Assert.Equal(EventOneofCase.Summary, events[^1].EventCase);
        Assert.Equal(14, events.Count);
        Assert.Equal((StopReason.MaxTokens, 12, 0L), (events[^1].Summary.StopReason, events[^1].Summary.GeneratedTokens, events[^1].Summary.TraceBytes));
        Assert.Empty(knockouts.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task AKnockoutGivesTheReferenceIdsAndIsCounted()
    {
        using var knockouts = decoder.Telemetry.Collect<long>("mesh.decoder.knockout_requests");
        var request = TinyLlava.Request();
        request.Knockout = TinyLlava.Knockout();
        var events = await Run(request);
        Assert.Equal(TinyLlava.KnockoutIds, events.Where(e => e.EventCase == EventOneofCase.Token).Select(e => e.Token.Id));
        Assert.Equal(1, Assert.Single(knockouts.GetMeasurementSnapshot()).Value);
    }

    [Fact]
    public async Task EachTokenIsFollowedByItsTracesAndItsRows()
    {
        var request = TinyLlava.Request(2);
        request.Trace = new TraceOptions { Level = TraceLevel.FullRows };
        var body = (await Run(request)).Skip(1).SkipLast(1).ToList();
        for (int token = 0; token < 2; token++)
        {
            var own = body.Skip(token * 18).Take(18).ToList();                  // token, traces, 4 layers x 4 heads of rows
            Assert.Equal(token, own[0].Token.Index);
            Assert.Equal(token, own[1].Traces.TokenIndex);
            Assert.All(own.Skip(2), e => Assert.Equal((token, 26 + token, 0), (e.Rows.TokenIndex, e.Rows.RowLength, e.Rows.Offset)));
        }
        Assert.Equal(36, body.Count);
    }

    [Fact]
    public async Task ACancelledCallStopsGenerationWithoutASummary()
    {
        var writer = new FakeServerStreamWriter<GenerateEvent>().CancelAfter(4);
        var job = decoder.Mapper.Map(TinyLlava.Request(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => decoder.Generation.RunAsync(job, writer, System.Diagnostics.Stopwatch.StartNew(), writer.CallCancelled));
        Assert.Equal(4, writer.Messages.Count);
        Assert.DoesNotContain(writer.Messages, e => e.EventCase == EventOneofCase.Summary);
    }
}
