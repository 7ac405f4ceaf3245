using Grpc.Core;
using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Decoding;
using Mesh.Core.Interp;
using Mesh.Core.Interp.Contexts;
using Mesh.Core.Prompting;
using Mesh.Decoder.Mapping;
using Mesh.Decoder.Model;
using Mesh.Decoder.Streaming;
using Mesh.ServiceDefaults.Grpc;
using Mesh.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;
using Stopwatch = System.Diagnostics.Stopwatch;
using static TorchSharp.torch;

namespace Mesh.Decoder.Contexts;

/// <summary>
/// Ask: a question answered from a stored context (docs/paper.md section 7, step 3), the image never re-encoded.
/// The question goes after the prompt's last position, framed by the follow-up template unless verbatim.
/// </summary>
public sealed class AskHandler(DecoderModel model, ContextStoreClient store, GenerateStreamHandler generation, MeshTelemetry telemetry,
                               IOptions<DecoderOptions> options)
{
    public async Task RunAsync(AskRequest request, IAsyncStreamWriter<GenerateEvent> writer, CancellationToken cancellationToken)
    {
        store.EnsureConfigured();
        if (string.IsNullOrWhiteSpace(request.ContextId)) RpcErrors.InvalidArgument("context_id", "context_id is empty; send the id Compress returned");
        if (request.Question is null || string.IsNullOrWhiteSpace(request.Question.Text))
            RpcErrors.InvalidArgument("question.text", "the question is empty");
        var vlm = model.Model;
        var clock = Stopwatch.StartNew();
        var (entry, data) = await store.GetAsync(request.ContextId, cancellationToken);
        var context = Read(request.ContextId, data);
        try
        {
            if (context.Info.ModelId != model.ModelId)
                RpcErrors.FailedPrecondition($"context {request.ContextId} was built by model '{context.Info.ModelId}'; this decoder serves '{model.ModelId}'");
            long[] question = request.Question.Verbatim
                ? [.. vlm.Tokenizer.Encode(request.Question.Text, addBos: false).Select(i => (long)i)]
                : ChatPrompts.FollowUp(vlm.Tokenizer, vlm.Template, request.Question.Text);
            var sampling = SamplingMapper.Map(request.Sampling, vlm, options.Value, context.Info.PromptLength + question.Length);
            var trace = InterpMapper.Trace(request.Trace);
            try { trace.Validate(vlm.Config.Text.NumHiddenLayers); }
            catch (ArgumentException e) { RpcErrors.InvalidArgument("trace", e.Message); }

            await EventStream.RunAsync((send, ct) =>
            {
                var groups = context.Info.Groups;
                send(new GenerateEvent { Prompt = new PromptEvent
                {
                    PromptTokens = context.Info.PromptLength + question.Length, ImageStart = context.Info.ImageStart, ImageEnd = context.Info.ImageEnd,
                    ContextId = entry.ContextId,
                }});
                var stream = new TokenStream(send, telemetry, vlm.Tokenizer, clock, generation.RowChunkBytes(trace));
                var grid = ImageGrid.For(context.Info.ImageEnd - context.Info.ImageStart);
                var recorder = trace.IsEnabled ? new TraceRecorder(trace, groups, grid, stream) : null;
                using var ids = tensor(question).view(1, -1);
                using var embeds = vlm.Decoder.Embed(ids);
                var result = ContextBuilder.Answer(vlm.Decoder, context, embeds, sampling, recorder, token =>
                {
                    stream.OnToken(token);
                    recorder?.Emit(token.Index, token.TokenId);
                }, ct);
                // The summary counts positions as the PromptEvent does: the context's prompt and the question, not only what was prefilled here.
                stream.Finish(result with { PromptTokens = context.Info.PromptLength + question.Length });
            }, writer, cancellationToken);
        }
        finally
        {
            context.Dispose();
        }
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
