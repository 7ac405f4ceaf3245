using Stopwatch = System.Diagnostics.Stopwatch;
using Grpc.Core;
using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Interp;
using Mesh.Decoder.Contexts;
using Mesh.Decoder.Mapping;
using Mesh.Decoder.Model;
using Mesh.Decoder.Streaming;
using Mesh.ServiceDefaults.Grpc;
using Mesh.ServiceDefaults.Queueing;
using Microsoft.Extensions.Options;

namespace Mesh.Decoder.Grpc;

/// <summary>mesh.decoder.v1.Decoder: generation with traces, knockouts and selection; model info.</summary>
public sealed class DecoderService(DecoderModel model, RequestMapper mapper, GenerateStreamHandler handler, CompressHandler compress,
                                   AskHandler ask, BoundedRequestQueue queue, IOptions<DecoderOptions> options) : Contracts.Decoder.V1.Decoder.DecoderBase
{
    // The summary's times count from the request's arrival, queue wait included (generation.proto).
    public override async Task Generate(GenerateRequest request, IServerStreamWriter<GenerateEvent> responseStream, ServerCallContext context)
    {
        var clock = Stopwatch.StartNew();
        mapper.Admit(request);
        using var slot = await queue.EnterAsync(context.CancellationToken);
        var job = mapper.Map(request, context.CancellationToken);
        await handler.RunAsync(job, responseStream, clock, context.CancellationToken);
    }

    public override Task<ModelInfo> GetModelInfo(GetModelInfoRequest request, ServerCallContext context)
    {
        var vlm = model.Model;
        var text = vlm.Config.Text;
        var grid = ImageGrid.For(vlm.Config.ImageSeqLength);
        var info = new ModelInfo
        {
            ModelId = model.ModelId, ModelName = model.ModelName, NumLayers = text.NumHiddenLayers, NumHeads = text.NumAttentionHeads, NumKvHeads = text.NumKeyValueHeads,
            HiddenSize = text.HiddenSize, HeadDim = text.HeadDim, VocabSize = text.VocabSize,
            ImageGridRows = vlm.Config.IsMultimodal ? grid.Rows : 0, ImageGridCols = vlm.Config.IsMultimodal ? grid.Cols : 0,
            ImageTokenCount = vlm.Config.IsMultimodal ? vlm.Config.ImageSeqLength : 0, ContextWindow = text.MaxPositionEmbeddings,
            ChatTemplate = vlm.Template.Template, FollowUpTemplate = vlm.Template.FollowUp, ImageMarker = Mesh.Core.Loading.VisionLanguageModel.ImageMarker,
            MaxTokensLimit = options.Value.MaxTokensLimit, DefaultMaxTokens = options.Value.DefaultMaxTokens,
        };
        info.StopTokenIds.AddRange(vlm.StopTokenIds.Order());
        return Task.FromResult(info);
    }

    public override async Task<CompressResponse> Compress(CompressRequest request, ServerCallContext context)
    {
        mapper.Admit(request);
        using var slot = await queue.EnterAsync(context.CancellationToken);
        return await compress.RunAsync(request, context.CancellationToken);
    }

    public override async Task Ask(AskRequest request, IServerStreamWriter<GenerateEvent> responseStream, ServerCallContext context)
    {
        var clock = Stopwatch.StartNew();
        mapper.Admit(request);
        using var slot = await queue.EnterAsync(context.CancellationToken);
        await ask.RunAsync(request, responseStream, clock, context.CancellationToken);
    }
}
