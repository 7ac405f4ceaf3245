using System.Security.Cryptography;
using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Interp;
using Mesh.Core.Interp.Contexts;
using Mesh.Decoder.Model;
using Mesh.Decoder.Streaming;
using Mesh.ServiceDefaults.Grpc;
using ContextParts = Mesh.Core.Interp.Contexts.ContextParts;
using Proto = Mesh.Contracts.Decoder.V1;

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
        if (request.Selection is null || request.Selection.Method is Proto.SelectionMethod.Unspecified or Proto.SelectionMethod.None)
            RpcErrors.InvalidArgument("selection.method", "Compress needs a selection method: ATTENTION, RANDOM, NORM or FASTV");
        var generate = new GenerateRequest { Prompt = request.Prompt, Sampling = request.Sampling, Selection = request.Selection };
        if (request.ImageCase == CompressRequest.ImageOneofCase.ImageBytes) generate.ImageBytes = request.ImageBytes;
        else if (request.ImageCase == CompressRequest.ImageOneofCase.EmbeddingKey) generate.EmbeddingKey = request.EmbeddingKey;
        var job = mapper.Map(generate);
        if (!job.NeedsImage) RpcErrors.InvalidArgument("image", "Compress needs an image (image_bytes or embedding_key) and a prompt that holds it");
        var layout = job.Layout;
        var storage = request.StorageDtype switch
        {
            Mesh.Contracts.Common.V1.DType.Unspecified or Mesh.Contracts.Common.V1.DType.F16 => ContextStorage.F16,
            Mesh.Contracts.Common.V1.DType.F32 => ContextStorage.F32,
            Mesh.Contracts.Common.V1.DType.Bf16 => ContextStorage.BF16,
            Mesh.Contracts.Common.V1.DType.Int8 => ContextStorage.Int8,
            var other => throw RpcErrors.InvalidArgumentException("storage_dtype", $"unknown storage type {other}; allowed: F16 (default), F32, BF16, INT8"),
        };
        var parts = Parts(request.Parts, job.Interp.Selection!.K, layout.ImageTokenCount);
        var features = job.EmbeddingKey is { } key ? await images.FromKeyAsync(key, cancellationToken) : await images.FromImageAsync(job.ImageBytes!, cancellationToken);
        byte[] imageIdentity = job.ImageBytes is { } bytes ? bytes.ToByteArray() : System.Text.Encoding.UTF8.GetBytes(job.EmbeddingKey!);
        string imageHash = Convert.ToHexStringLower(SHA256.HashData(imageIdentity));
        var vlm = model.Model;
        var info = new ContextInfo(model.ModelId, imageHash, request.Prompt!.Text, 0, Mesh.Core.Interp.SelectionMethod.Attention,
                                   layout.Length, layout.ImageStart, layout.ImageEnd, []);

        var (data, context) = await Task.Factory.StartNew(() =>
        {
            using var embeds = vlm.EmbedPrompt(layout, features);
            var (built, _) = ContextBuilder.Build(vlm.Decoder, embeds, info, job.Interp.Selection!, job.Generation, parts, cancellationToken);
            return (ContextCodec.Serialize(built, storage), built);
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        using var _ = context;
        var entry = await store.PutAsync(data, model.ModelId, request.Ttl?.ToTimeSpan(), cancellationToken);
        return new CompressResponse
        {
            ContextId = entry.ContextId, StoredBytes = data.Length, TokensKept = context.MaxLayerSlots, TokensFull = layout.Length,
            ImageTokensKept = ImageSelection.KeepCount(context.Info.K, layout.ImageTokenCount), ImageTokensFull = layout.ImageTokenCount,
            FullKvBytes = context.FullPromptKvBytes(2), StorageDtype = request.StorageDtype == Mesh.Contracts.Common.V1.DType.Unspecified
                ? Mesh.Contracts.Common.V1.DType.F16 : request.StorageDtype,
            Description = vlm.Tokenizer.Decode(context.Info.DescriptionTokens),
        };
    }

    /// <summary>The kept parts in Mesh.Core's terms; an unknown value or an image-only context of no image token is INVALID_ARGUMENT.</summary>
    static ContextParts Parts(Proto.ContextParts parts, double k, int imageTokens)
    {
        var mapped = parts switch
        {
            Proto.ContextParts.Unspecified or Proto.ContextParts.QueryAndImage => ContextParts.QueryAndImage,
            Proto.ContextParts.ImageOnly => ContextParts.ImageOnly,
            var other => throw RpcErrors.InvalidArgumentException("parts", $"unknown context parts {(int)other}; allowed: QUERY_AND_IMAGE (default), IMAGE_ONLY"),
        };
        try { mapped.Validate(k, imageTokens); }
        catch (ArgumentException e) { RpcErrors.InvalidArgument("parts", e.Message); }
        return mapped;
    }
}
