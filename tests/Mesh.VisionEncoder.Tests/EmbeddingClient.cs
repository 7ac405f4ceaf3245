using Grpc.Core;
using Grpc.Net.Client;
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
                             cancellationToken: cancellationToken));

    public Task<(EmbeddingHeader Header, byte[] Bytes, int Chunks)> GetAsync(string key, DType dtype = DType.Unspecified) =>
        ReadAsync(Raw.GetEmbedding(new GetEmbeddingRequest { EmbeddingKey = key, Dtype = dtype }));

    static async Task<(EmbeddingHeader, byte[], int)> ReadAsync(AsyncServerStreamingCall<EncodeResponse> call)
    {
        using (call)
        {
            EmbeddingHeader? header = null;
            var bytes = new MemoryStream();
            int chunks = 0;
            await foreach (var message in call.ResponseStream.ReadAllAsync())
            {
                if (message.PartCase == EncodeResponse.PartOneofCase.Header)
                {
                    Assert.Null(header); // exactly one header, first
                    header = message.Header;
                }
                else
                {
                    Assert.NotNull(header);
                    message.Data.WriteTo(bytes);
                    chunks++;
                }
            }
            Assert.NotNull(header);
            return (header, bytes.ToArray(), chunks);
        }
    }
}
