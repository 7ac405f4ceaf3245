using Stopwatch = System.Diagnostics.Stopwatch;
using Grpc.Core;
using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Decoding;
using Mesh.Core.Interp;
using Mesh.Core.Vision;
using Mesh.Decoder.Mapping;
using Mesh.Decoder.Model;
using Mesh.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;
using static TorchSharp.torch;

namespace Mesh.Decoder.Streaming;

/// <summary>
/// Runs one <see cref="GenerateJob"/> and writes its events: the prompt, then per token the token and its
/// traces, then a summary, through <see cref="EventStream"/>. Cancellation stops within one decode step and
/// frees the cache.
/// </summary>
public sealed class GenerateStreamHandler(DecoderModel model, IImageEmbeddings images, MeshTelemetry telemetry, IOptions<DecoderOptions> options)
{
    /// <param name="clock">Started when the request arrived: the summary's times include the queue wait.</param>
    public async Task RunAsync(GenerateJob job, IAsyncStreamWriter<GenerateEvent> writer, Stopwatch clock, CancellationToken cancellationToken)
    {
        var features = job.Image is { } image ? await image.FeaturesAsync(images, cancellationToken) : null;
        await EventStream.RunAsync((send, ct) => Produce(job, features, send, clock, ct), writer, cancellationToken);
    }

    void Produce(GenerateJob job, ImageFeatures? features, Action<GenerateEvent> Send, Stopwatch clock, CancellationToken cancellationToken)
    {
        var vlm = model.Model;
        var layout = job.Layout;
        Send(new GenerateEvent { Prompt = new PromptEvent
        {
            PromptTokens = layout.Length, ImageStart = layout.ImageStart, ImageEnd = layout.ImageEnd,
            GridRows = job.Grid.Rows, GridCols = job.Grid.Cols, EmbeddingKey = job.Image?.EmbeddingKey ?? "",
        }});
        if (!job.Interp.Knockout.IsEmpty) telemetry.KnockoutRequests.Add(1);
        telemetry.PromptTokens.Add(layout.Length);

        var stream = new TokenStream(Send, telemetry, vlm.Tokenizer, clock, RowChunkBytes(job.Interp.Trace));
        using var embeds = vlm.EmbedPrompt(layout, features);
        var result = InterpGeneration.Run(vlm.Decoder, embeds, job.Grid, job.Generation, job.Interp, stream, stream.OnToken,
                                          cancellationToken).Generation;
        stream.Finish(result);
    }

    /// <summary>Full rows are chunked at the configured size; other levels send none.</summary>
    internal int RowChunkBytes(TraceRequest trace) =>
        trace.Level == TraceDetail.FullRows ? options.Value.RowChunkBytes : 0;
}
