using Grpc.Core;
using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Interp;
using Mesh.Core.Interp.Contexts;
using Mesh.Decoder.Mapping;
using Mesh.Decoder.Model;
using Mesh.Decoder.Streaming;
using Mesh.ServiceDefaults.Grpc;
using Mesh.ServiceDefaults.Telemetry;
using Stopwatch = System.Diagnostics.Stopwatch;
using static TorchSharp.torch;

namespace Mesh.Decoder.Contexts;

/// <summary>
/// Ask: a question answered from a stored context (docs/paper.md section 7, step 3), the image never re-encoded.
/// The question goes after the prompt's last position, framed by the follow-up template unless verbatim.
/// </summary>
public sealed class AskHandler(DecoderModel model, RequestMapper mapper, IContextStore store, GenerateStreamHandler generation,
                               MeshTelemetry telemetry)
{
    /// <param name="clock">Started when the request arrived: the summary's times include the queue wait.</param>
    public async Task RunAsync(AskRequest request, IAsyncStreamWriter<GenerateEvent> writer, Stopwatch clock, CancellationToken cancellationToken)
    {
        store.EnsureConfigured();
        string contextId = mapper.ContextId(request);
        var vlm = model.Model;
        var (entry, data) = await store.GetAsync(contextId, cancellationToken);
        using var context = Read(contextId, data);
        if (context.Info.ModelId != model.ModelId)
            RpcErrors.FailedPrecondition($"context {contextId} was built by model '{context.Info.ModelId}'; this decoder serves '{model.ModelId}'");
        var job = mapper.Map(request, context.Info);

        await EventStream.RunAsync((send, ct) =>
        {
            send(new GenerateEvent { Prompt = new PromptEvent
            {
                PromptTokens = job.PromptTokens, ImageStart = context.Info.ImageStart, ImageEnd = context.Info.ImageEnd, ContextId = entry.ContextId,
            }});
            var stream = new TokenStream(send, telemetry, vlm.Tokenizer, clock, generation.RowChunkBytes(job.Trace));
            var traced = new TracedGeneration(job.Trace, context.Info.Groups, job.Grid, stream, stream.OnToken);
            using var ids = tensor(job.Question).view(1, -1);
            using var embeds = vlm.Decoder.Embed(ids);
            var result = ContextBuilder.Answer(vlm.Decoder, context, embeds, job.Generation, traced, ct);
            // The summary counts positions as the PromptEvent does: the context's prompt and the question, not only what was prefilled here.
            stream.Finish(result with { PromptTokens = job.PromptTokens });
        }, writer, cancellationToken);
    }

    static CompressedContext Read(string id, byte[] data)
    {
        try
        {
            return ContextCodec.Deserialize(data);
        }
        catch (ContextFormatException e)
        {
            RpcErrors.DataLoss(id, $"context {id} cannot be read: {e.Message}");
            return null!;
        }
    }
}
