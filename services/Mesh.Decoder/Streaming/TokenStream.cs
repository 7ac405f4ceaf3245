using Google.Protobuf.WellKnownTypes;
using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Decoding;
using Mesh.Core.Interp;
using Mesh.Core.Tokenization;
using Mesh.Decoder.Mapping;
using Mesh.ServiceDefaults.Telemetry;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace Mesh.Decoder.Streaming;

/// <summary>
/// Turns a generation into stream events with its telemetry: each token, its traces (as a trace sink),
/// and the closing summary. One per request; lives on the producer thread.
/// </summary>
internal sealed class TokenStream(Action<GenerateEvent> send, MeshTelemetry telemetry, ITextTokenizer tokenizer, Stopwatch clock, int rowChunkBytes)
    : ITraceSink
{
    TimeSpan? _firstToken, _lastToken;
    bool _textStarted;

    public long TraceBytes { get; private set; }

    public void OnToken(GeneratedToken token)
    {
        var now = clock.Elapsed;
        if (_firstToken is null) telemetry.TimeToFirstToken.Record((_firstToken = now).Value.TotalSeconds);
        else telemetry.InterTokenLatency.Record((now - _lastToken!.Value).TotalSeconds);
        _lastToken = now;
        telemetry.TokensGenerated.Add(1);
        send(new GenerateEvent { Token = new TokenEvent
        {
            Index = token.Index, Id = token.TokenId, Text = Piece(token.TokenId), Logprob = token.Logprob,
        }});
    }

    // The first piece of text is decoded as the start of the output, as the summary's Decode reads it (no leading
    // space before the first word), so the token texts concatenate to the summary's text.
    string Piece(int id)
    {
        string text = _textStarted ? tokenizer.DecodeToken(id) : tokenizer.Decode([id]);
        _textStarted |= text.Length > 0;
        return text;
    }

    public void OnTokenTrace(TokenTrace trace)
    {
        var layers = TraceEvents.Layers(trace);
        TraceBytes += layers.CalculateSize();
        send(layers);
        if (rowChunkBytes == 0) return;
        foreach (var rows in TraceEvents.Rows(trace, rowChunkBytes))
        {
            TraceBytes += rows.CalculateSize();
            send(rows);
        }
    }

    public void Finish(GenerationResult result)
    {
        if (result.TokenIds.Length > 0 && TraceBytes > 0) telemetry.TraceBytesPerToken.Record(TraceBytes / result.TokenIds.Length);
        send(new GenerateEvent { Summary = new GenerateSummary
        {
            StopReason = SummaryMapper.ToWire(result.StopCause),
            PromptTokens = result.PromptTokens, GeneratedTokens = result.TokenIds.Length,
            TimeToFirstToken = Duration.FromTimeSpan(_firstToken ?? TimeSpan.Zero), TotalTime = Duration.FromTimeSpan(clock.Elapsed),
            TraceBytes = TraceBytes, Text = tokenizer.Decode(result.TokenIds),
        }});
    }
}
