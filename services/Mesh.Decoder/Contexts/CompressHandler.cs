using System.Security.Cryptography;
using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Interp;
using Mesh.Core.Interp.Contexts;
using Mesh.Decoder.Mapping;
using Mesh.Decoder.Model;
using Mesh.ServiceDefaults.Grpc;

namespace Mesh.Decoder.Contexts;

/// <summary>
/// Compress: the describe pass over image + prompt, the kept slots per layer (docs/paper.md section 7), the
/// serialised context put into the context store; answers with its id and sizes.
/// </summary>
public sealed class CompressHandler(DecoderModel model, RequestMapper mapper, IImageEmbeddings images, ContextStoreClient store)
{
    public async Task<CompressResponse> RunAsync(CompressRequest request, CancellationToken cancellationToken)
    {
        store.EnsureConfigured();
        if (request.Selection is null || request.Selection.Method is SelectionMethod.Unspecified or SelectionMethod.None)
            RpcErrors.InvalidArgument("selection.method", "Compress needs a selection method: ATTENTION, RANDOM, NORM or FASTV");
        var generate = new GenerateRequest { Prompt = request.Prompt, Sampling = request.Sampling, Selection = request.Selection };
        if (request.ImageCase == CompressRequest.ImageOneofCase.ImageBytes) generate.ImageBytes = request.ImageBytes;
        else if (request.ImageCase == CompressRequest.ImageOneofCase.EmbeddingKey) generate.EmbeddingKey = request.EmbeddingKey;
        var job = mapper.Map(generate);
        if (!job.NeedsImage) RpcErrors.InvalidArgument("image", "Compress needs an image (image_bytes or embedding_key) and a prompt that holds it");
        var layout = job.Layout;
        var storage = ContextMapper.Storage(request.StorageDtype);
        var contents = ContextMapper.Contents(request.Parts, job.Interp.Selection!.K, layout.ImageTokenCount);
        var features = job.EmbeddingKey is { } key ? await images.FromKeyAsync(key, cancellationToken) : await images.FromImageAsync(job.ImageBytes!, cancellationToken);
        byte[] imageIdentity = job.ImageBytes is { } bytes ? bytes.ToByteArray() : System.Text.Encoding.UTF8.GetBytes(job.EmbeddingKey!);
        string imageHash = Convert.ToHexStringLower(SHA256.HashData(imageIdentity));
        var vlm = model.Model;
        var info = new ContextInfo(model.ModelId, imageHash, request.Prompt!.Text, 0, RankingMethod.Attention,
                                   layout.Length, layout.ImageStart, layout.ImageEnd, []);

        var (data, context) = await Task.Factory.StartNew(() =>
        {
            using var embeds = vlm.EmbedPrompt(layout, features);
            var (built, _) = ContextBuilder.Build(vlm.Decoder, embeds, info, job.Interp.Selection!, job.Generation, contents, cancellationToken);
            return (ContextCodec.Serialize(built, storage), built);
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        using var _ = context;
        var entry = await store.PutAsync(data, model.ModelId, request.Ttl?.ToTimeSpan(), cancellationToken);
        return new CompressResponse
        {
            ContextId = entry.ContextId, StoredBytes = data.Length, TokensKept = context.MaxLayerSlots, TokensFull = layout.Length,
            ImageTokensKept = ImageSelection.KeepCount(context.Info.K, layout.ImageTokenCount), ImageTokensFull = layout.ImageTokenCount,
            FullKvBytes = context.FullPromptKvBytes(2), StorageDtype = ContextMapper.StorageDType(request.StorageDtype),
            Description = vlm.Tokenizer.Decode(context.Info.DescriptionTokens),
        };
    }
}
