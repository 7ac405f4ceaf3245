using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Mesh.Clients.Streaming;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Vision.V1;
using Mesh.Core.Vision;
using Mesh.ServiceDefaults.Grpc;

namespace Mesh.Decoder.Model;

/// <summary>Where image features come from: image bytes, or a vision-encoder cache key.</summary>
public interface IImageEmbeddings
{
    Task<ImageFeatures> FromImageAsync(ByteString image, CancellationToken cancellationToken);
    Task<ImageFeatures> FromKeyAsync(string embeddingKey, CancellationToken cancellationToken);
}

/// <summary>The model's own vision.onnx in this process (no vision-encoder service configured).</summary>
public sealed class LocalImageEmbeddings(DecoderModel model) : IImageEmbeddings
{
    public Task<ImageFeatures> FromImageAsync(ByteString image, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult(model.Model.EncodeImage(image.Span));
        }
        catch (InvalidImageException e)
        {
            throw RpcErrors.InvalidArgumentException("image_bytes", e.Message);
        }
    }

    public Task<ImageFeatures> FromKeyAsync(string embeddingKey, CancellationToken cancellationToken) =>
        throw RpcErrors.InvalidArgumentException("embedding_key",
            "embedding keys need a vision-encoder service (set Decoder:VisionEncoderAddress); send image_bytes instead");
}

/// <summary>The vision-encoder service: F32 embeddings streamed as a header then data chunks.</summary>
public sealed class RemoteImageEmbeddings(Uri address) : IImageEmbeddings
{
    readonly Mesh.Contracts.Vision.V1.VisionEncoder.VisionEncoderClient _client = new(GrpcChannel.ForAddress(address));

    public Task<ImageFeatures> FromImageAsync(ByteString image, CancellationToken cancellationToken) =>
        Read(_client.Encode(new EncodeRequest { Image = image, Dtype = DType.F32 }, cancellationToken: cancellationToken), cancellationToken);

    public Task<ImageFeatures> FromKeyAsync(string embeddingKey, CancellationToken cancellationToken) =>
        Read(_client.GetEmbedding(new GetEmbeddingRequest { EmbeddingKey = embeddingKey, Dtype = DType.F32 }, cancellationToken: cancellationToken),
             cancellationToken);

    static async Task<ImageFeatures> Read(AsyncServerStreamingCall<EncodeResponse> call, CancellationToken cancellationToken)
    {
        using var _ = call;
        var (header, data) = await call.ResponseStream.Chunked(ChunkFramings.Embedding, BrokenStream).ReadAllAsync(Array.MaxLength, cancellationToken);
        // The vision encoder sends one image's embeddings as [tokens, dim].
        if (header.Tensor is not { Dtype: DType.F32, Shape.Count: 2 } tensor || tensor.ByteLength != data.Length)
        {
            RpcErrors.Internal("the vision encoder sent an embedding without a matching F32 [tokens, dim] header");
            return null!;
        }
        var values = new float[data.Length / sizeof(float)];
        Buffer.BlockCopy(data, 0, values, 0, data.Length);
        return new ImageFeatures(values, 1, (int)tensor.Shape[0], (int)tensor.Shape[1]);
    }

    static RpcException BrokenStream(string field, string message) =>
        new(new Status(StatusCode.Internal, $"the vision encoder sent a broken embedding stream: {message}"));
}
