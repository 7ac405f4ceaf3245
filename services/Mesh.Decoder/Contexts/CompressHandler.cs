using System.Security.Cryptography;
using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Interp;
using Mesh.Core.Interp.Contexts;
using Mesh.Decoder.Mapping;
using Mesh.Decoder.Model;

namespace Mesh.Decoder.Contexts;

/// <summary>
/// Compress: the describe pass over image + prompt, the kept slots per layer (docs/paper.md section 7), the
/// serialised context put into the context store; answers with its id and sizes.
/// </summary>
public sealed class CompressHandler(DecoderModel model, RequestMapper mapper, IImageEmbeddings images, IContextStore store)
{
    public async Task<CompressResponse> RunAsync(CompressRequest request, CancellationToken cancellationToken)
    {
        await store.EnsureReachableAsync(cancellationToken);
        var job = mapper.Map(request, cancellationToken);
        var layout = job.Layout;
        var features = await job.Image.FeaturesAsync(images, cancellationToken);
        byte[] imageIdentity = job.Image.Bytes is { } bytes ? bytes.ToByteArray() : System.Text.Encoding.UTF8.GetBytes(job.Image.EmbeddingKey!);
        string imageHash = Convert.ToHexStringLower(SHA256.HashData(imageIdentity));
        var vlm = model.Model;
        var origin = new ContextOrigin(model.ModelId, imageHash, job.PromptText);

        var (data, context) = await Task.Factory.StartNew(() =>
        {
            using var embeds = vlm.EmbedPrompt(layout, features);
            var (built, _) = ContextBuilder.Build(vlm.Decoder, embeds, origin, job.Recipe, job.Describe, cancellationToken);
            return (ContextCodec.Serialize(built, job.Storage), built);
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        using var _ = context;
        var entry = await store.PutAsync(data, model.ModelId, job.Ttl, cancellationToken);
        return new CompressResponse
        {
            ContextId = entry.ContextId, StoredBytes = data.Length, TokensKept = context.MaxLayerSlots, TokensFull = layout.Length,
            ImageTokensKept = ImageSelection.KeepCount(context.Info.K, layout.ImageTokenCount), ImageTokensFull = layout.ImageTokenCount,
            FullKvBytes = context.FullPromptKvBytes(2), StorageDtype = job.StorageDType,
            Description = vlm.Tokenizer.Decode(context.Info.DescriptionTokens),
        };
    }
}
