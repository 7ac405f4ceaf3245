using Stopwatch = System.Diagnostics.Stopwatch;
using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Decoding;
using Mesh.Core.Interp;
using Mesh.Core.Vision;
using Mesh.Decoder.Model;
using Mesh.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;
using static TorchSharp.torch;

namespace Mesh.Decoder.Streaming;

/// <summary>
/// Runs one <see cref="GenerateJob"/> and writes its events: the prompt, then per token the token and its
/// traces, then a summary. The model runs on its own thread (dispose scopes are thread-static, so no
/// await may happen inside one); events cross to the writer through a bounded channel, so a slow reader
/// slows generation instead of growing memory. Cancellation stops within one decode step and frees the cache.
/// </summary>
public sealed class GenerateStreamHandler(DecoderModel model, IImageEmbeddings images, MeshTelemetry telemetry, IOptions<DecoderOptions> options)
{
    public async Task RunAsync(GenerateJob job, IAsyncStreamWriter<GenerateEvent> writer, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        ImageFeatures? features = null;
        if (job.NeedsImage)
            features = job.EmbeddingKey is { } key
                ? await images.FromKeyAsync(key, cancellationToken)
                : await images.FromImageAsync(job.ImageBytes!, cancellationToken);

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<GenerateEvent>(new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true });
        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                Produce(job, features, channel.Writer, clock, linked.Token);
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
            linked.Cancel();   // a failed write stops the producer at its next step
            await producer;
        }
    }

    void Produce(GenerateJob job, ImageFeatures? features, ChannelWriter<GenerateEvent> events, Stopwatch clock, CancellationToken cancellationToken)
    {
        void Send(GenerateEvent e) => events.WriteAsync(e, cancellationToken).AsTask().GetAwaiter().GetResult();
        var vlm = model.Model;
        var layout = job.Layout;
        Send(new GenerateEvent { Prompt = new PromptEvent
        {
            PromptTokens = layout.Length, ImageStart = layout.ImageStart, ImageEnd = layout.ImageEnd,
            GridRows = job.Grid.Rows, GridCols = job.Grid.Cols, EmbeddingKey = job.EmbeddingKey ?? "",
        }});
        if (!job.Interp.Knockout.IsEmpty) telemetry.KnockoutRequests.Add(1);
        telemetry.PromptTokens.Add(layout.Length);

        var sink = new StreamingTraceSink(Send, job.Interp.Trace.Level == Mesh.Core.Interp.TraceLevel.FullRows ? options.Value.RowChunkBytes : 0);
        TimeSpan? firstToken = null, lastToken = null;
        using var embeds = vlm.EmbedPrompt(layout, features);
        var result = InterpGeneration.Run(vlm.Decoder, embeds, job.Groups, job.Grid, job.Generation, job.Interp, sink, token =>
        {
            var now = clock.Elapsed;
            if (firstToken is null) telemetry.TimeToFirstToken.Record((firstToken = now).Value.TotalSeconds);
            else telemetry.InterTokenLatency.Record((now - lastToken!.Value).TotalSeconds);
            lastToken = now;
            telemetry.TokensGenerated.Add(1);
            Send(new GenerateEvent { Token = new TokenEvent
            {
                Index = token.Index, Id = token.TokenId, Text = vlm.Tokenizer.DecodeToken(token.TokenId), Logprob = token.Logprob,
            }});
        }, cancellationToken).Generation;

        if (result.TokenIds.Length > 0 && sink.Bytes > 0) telemetry.TraceBytesPerToken.Record(sink.Bytes / result.TokenIds.Length);
        Send(new GenerateEvent { Summary = new GenerateSummary
        {
            StopReason = result.StopReason switch
            {
                Mesh.Core.Decoding.StopReason.StopToken => Mesh.Contracts.Decoder.V1.StopReason.StopToken,
                Mesh.Core.Decoding.StopReason.ContextFull => Mesh.Contracts.Decoder.V1.StopReason.ContextWindow,
                _ => Mesh.Contracts.Decoder.V1.StopReason.MaxTokens,
            },
            PromptTokens = result.PromptTokens, GeneratedTokens = result.TokenIds.Length,
            TimeToFirstToken = Duration.FromTimeSpan(firstToken ?? TimeSpan.Zero), TotalTime = Duration.FromTimeSpan(clock.Elapsed),
            TraceBytes = sink.Bytes, Text = vlm.Tokenizer.Decode(result.TokenIds),
        }});
    }

    /// <summary>Sends each token's traces as they come; counts the bytes of trace payload sent.</summary>
    sealed class StreamingTraceSink(Action<GenerateEvent> send, int rowChunkBytes) : ITraceSink
    {
        public long Bytes { get; private set; }

        public void OnTokenTrace(TokenTrace trace)
        {
            var layers = TraceEvents.Layers(trace);
            Bytes += layers.CalculateSize();
            send(layers);
            if (rowChunkBytes == 0) return;
            foreach (var rows in TraceEvents.Rows(trace, rowChunkBytes))
            {
                Bytes += rows.CalculateSize();
                send(rows);
            }
        }
    }
}
