using Google.Protobuf;
using Mesh.Core.Decoding;
using Mesh.Core.Interp;
using Mesh.Core.Prompting;
using Mesh.Core.Vision;
using Mesh.Decoder.Model;

namespace Mesh.Decoder.Streaming;

/// <summary>The image of a request: encoded bytes or a vision-encoder key (exactly one is set).</summary>
public sealed record ImageInput(ByteString? Bytes, string? EmbeddingKey)
{
    /// <summary>The image's features from <paramref name="images"/>.</summary>
    public Task<ImageFeatures> FeaturesAsync(IImageEmbeddings images, CancellationToken cancellationToken) =>
        EmbeddingKey is { } key ? images.FromKeyAsync(key, cancellationToken) : images.FromImageAsync(Bytes!, cancellationToken);
}

/// <summary>A checked generation request in Mesh.Core's terms (<see cref="Mapping.RequestMapper"/>); null image for a text-only prompt.</summary>
public sealed record GenerateJob(PromptLayout Layout, ImageInput? Image, GenerationOptions Generation, InterpOptions Interp, ImageGrid Grid);
