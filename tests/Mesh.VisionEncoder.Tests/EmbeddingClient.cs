using Grpc.Core;
using Grpc.Net.Client;
using Mesh.Clients.Streaming;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Vision.V1;
using VisionV1 = Mesh.Contracts.Vision.V1;

namespace Mesh.VisionEncoder.Tests;

/// <summary>A client that reads Encode / GetEmbedding streams back into a header and the embedding's bytes.</summary>
internal sealed class EmbeddingClient(GrpcChannel channel)
{
    public VisionV1.VisionEncoder.VisionEncoderClient Raw { get; } = new(channel);

    public Task<(EmbeddingHeader Header, byte[] Bytes, int Chunks)> EncodeAsync(
        byte[] image, DType dtype = DType.Unspecified, bool referenceOnly = false, CancellationToken cancellationToken = default) =>
        ReadAsync(Raw.Encode(new EncodeRequest { Image = Google.Protobuf.ByteString.CopyFrom(image), Dtype = dtype, ReferenceOnly = referenceOnly },
                             cancellationToken: cancellationToken), referenceOnly);

    public Task<(EmbeddingHeader Header, byte[] Bytes, int Chunks)> GetAsync(string key, DType dtype = DType.Unspecified) =>
        ReadAsync(Raw.GetEmbedding(new GetEmbeddingRequest { EmbeddingKey = key, Dtype = dtype }), referenceOnly: false);

    // The shared reader checks the framing: one header first, then chunks adding up to its byte_length (none for reference_only).
    static async Task<(EmbeddingHeader, byte[], int)> ReadAsync(AsyncServerStreamingCall<EncodeResponse> call, bool referenceOnly)
    {
        using (call)
        {
            var reader = call.ResponseStream.Chunked(ChunkFramings.Embedding);
            var header = await reader.ReadHeaderAsync(CancellationToken.None);
            var bytes = new MemoryStream();
            int chunks = 0;
            await foreach (var chunk in reader.ReadChunksAsync(referenceOnly ? 0 : header.Tensor.ByteLength))
            {
                bytes.Write(chunk.Span);
                chunks++;
            }
            return (header, bytes.ToArray(), chunks);
        }
    }
}
