using Google.Protobuf;
using Grpc.Core;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Vision.V1;
using Mesh.Decoder.Model;
using Mesh.ServiceDefaults;
using Mesh.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Mesh.Decoder.Tests.Model;

/// <summary>Embeddings from a vision-encoder service: a reply that breaks the header contract is INTERNAL, with its google.rpc status.</summary>
public sealed class RemoteImageEmbeddingsTests
{
    /// <summary>Sends an F16 header where the decoder asked for F32.</summary>
    sealed class WrongDTypeEncoder : VisionEncoder.VisionEncoderBase
    {
        public override async Task Encode(EncodeRequest request, IServerStreamWriter<EncodeResponse> responseStream, ServerCallContext context)
        {
            var header = new EmbeddingHeader { Tensor = new TensorHeader { Dtype = DType.F16, Shape = { 1, 2 }, ByteLength = 4 } };
            await responseStream.WriteAsync(new EncodeResponse { Header = header });
            await responseStream.WriteAsync(new EncodeResponse { Data = ByteString.CopyFrom(new byte[4]) });
        }
    }

    [Fact]
    public async Task AHeaderThatDoesNotMatchIsInternal()
    {
        await using var encoder = await ServiceHost.StartAsync(
            b => { b.AddServiceDefaults(); b.Services.AddSingleton<WrongDTypeEncoder>(); },
            app => app.MapGrpcService<WrongDTypeEncoder>());
        var embeddings = new RemoteImageEmbeddings(encoder.Endpoints.GrpcAddress);

        var error = await RpcAssert.FailsAsync(StatusCode.Internal, "without a matching F32 [tokens, dim] header",
            () => embeddings.FromImageAsync(ByteString.CopyFrom(TinyLlava.Image), CancellationToken.None));

        Assert.NotNull(error.GetRpcStatus());
    }
}
