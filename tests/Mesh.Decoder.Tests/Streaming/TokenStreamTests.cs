using System.Diagnostics;
using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Decoding;
using Mesh.Core.Interp;
using Mesh.Decoder.Streaming;

namespace Mesh.Decoder.Tests.Streaming;

/// <summary>A generation's stream events and telemetry: each token, its traces, and the closing summary.</summary>
public sealed class TokenStreamTests(TinyDecoder decoder) : IClassFixture<TinyDecoder>
{
    readonly List<GenerateEvent> _sent = [];

    TokenStream Stream(int rowChunkBytes = 0) =>
        new(_sent.Add, decoder.Telemetry.Telemetry, decoder.Model.Model.Tokenizer, Stopwatch.StartNew(), rowChunkBytes);

    static TokenTrace Trace(int index) => new(index, 9, 2 + index,
        [new TracedLayer(0, new AttentionFractions(0.5f, 0.5f, 0), Rows: new FullRows(1, [0, 1, 2 + index], [0.2f, 0.3f, 0.5f]))]);

    [Fact]
    public void TokensBecomeTokenEventsAndAreCounted()
    {
        using var generated = decoder.Telemetry.Collect<long>("mesh.decoder.tokens_generated");
        using var firstToken = decoder.Telemetry.Collect<double>("mesh.decoder.time_to_first_token");
        var stream = Stream();
        stream.OnToken(new GeneratedToken(0, 76, -0.5f, 26, []));
        stream.OnToken(new GeneratedToken(1, 117, -1.5f, 27, []));

        Assert.Equal([(0, 76, -0.5f), (1, 117, -1.5f)], _sent.Select(e => (e.Token.Index, e.Token.Id, e.Token.Logprob)));
        Assert.Equal(decoder.Model.Model.Tokenizer.Decode([76]), _sent[0].Token.Text);
        Assert.Equal(decoder.Model.Model.Tokenizer.DecodeToken(117), _sent[1].Token.Text);
        Assert.Equal(2, generated.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Single(firstToken.GetMeasurementSnapshot());
    }

    [Fact]
    public void TracesAreSentWithTheirRowsOnlyWhenRowsAreChunked()
    {
        var stream = Stream();
        stream.OnTokenTrace(Trace(0));
        Assert.Equal([GenerateEvent.EventOneofCase.Traces], _sent.Select(e => e.EventCase));

        var rows = Stream(rowChunkBytes: 4);
        rows.OnTokenTrace(Trace(1));
        Assert.Equal([GenerateEvent.EventOneofCase.Traces, GenerateEvent.EventOneofCase.Traces, GenerateEvent.EventOneofCase.Rows, GenerateEvent.EventOneofCase.Rows],
                     _sent.Select(e => e.EventCase));
        Assert.Equal(_sent.Skip(1).Sum(e => e.CalculateSize()), rows.TraceBytes);
    }

    [Theory]
    [InlineData(StopCause.StopToken, StopReason.StopToken)]
    [InlineData(StopCause.MaxTokens, StopReason.MaxTokens)]
    [InlineData(StopCause.ContextFull, StopReason.ContextWindow)]
    public void TheSummaryClosesTheStream(StopCause cause, StopReason reason)
    {
        var stream = Stream();
        stream.OnToken(new GeneratedToken(0, 76, -0.5f, 26, []));
        stream.OnTokenTrace(Trace(0));
        stream.OnToken(new GeneratedToken(1, 117, -1.5f, 27, []));
        stream.Finish(new GenerationResult([76, 117], cause, 26, TimeSpan.Zero, TimeSpan.Zero));

        var summary = _sent[^1].Summary;
        Assert.Equal((reason, 26, 2), (summary.StopReason, summary.PromptTokens, summary.GeneratedTokens));
        Assert.Equal(decoder.Model.Model.Tokenizer.Decode([76, 117]), summary.Text);
        Assert.Equal(summary.Text, string.Concat(_sent.Where(e => e.EventCase == GenerateEvent.EventOneofCase.Token).Select(e => e.Token.Text)));
        Assert.Equal(stream.TraceBytes, summary.TraceBytes);
        Assert.True(summary.TotalTime.ToTimeSpan() >= summary.TimeToFirstToken.ToTimeSpan());
    }
}
