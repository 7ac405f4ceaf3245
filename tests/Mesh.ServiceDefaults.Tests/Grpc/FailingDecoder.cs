using Grpc.Core;
using Mesh.Contracts.Decoder.V1;
using Mesh.ServiceDefaults.Grpc;

namespace Mesh.ServiceDefaults.Tests.Grpc;

/// <summary>
/// TEST DOUBLE of <c>mesh.decoder.v1.Decoder</c>, not the real decoder: <c>Compress</c> fails with the
/// <see cref="RpcErrors"/> helper its prompt names (see <see cref="Failures"/>), and otherwise answers with the prompt's
/// length as the context id, so a test can tell the request arrived whole.
/// </summary>
public sealed class FailingDecoder : Decoder.DecoderBase
{
    /// <summary>Prompt text, the failure it raises, and the HTTP status JSON transcoding answers with.</summary>
    public static TheoryData<string, StatusCode, int> Failures => new()
    {
        { "invalid", StatusCode.InvalidArgument, 400 },
        { "missing", StatusCode.NotFound, 404 },
        { "busy", StatusCode.ResourceExhausted, 429 },
        { "loading", StatusCode.Unavailable, 503 },
        { "precondition", StatusCode.FailedPrecondition, 400 },
        { "corrupt", StatusCode.DataLoss, 500 },
        { "internal", StatusCode.Internal, 500 },
    };

    /// <inheritdoc />
    public override Task<CompressResponse> Compress(CompressRequest request, ServerCallContext context)
    {
        string text = request.Prompt?.Text ?? "";
        switch (text)
        {
            case "invalid": RpcErrors.InvalidArgument("prompt.text", "the prompt says invalid"); break;
            case "missing": RpcErrors.NotFound("context", "c0ffee", "context c0ffee is not stored"); break;
            case "busy": RpcErrors.ResourceExhausted("request queue", "the server is busy"); break;
            case "loading": RpcErrors.Unavailable("the model is loading", TimeSpan.FromSeconds(2)); break;
            case "precondition": RpcErrors.FailedPrecondition("no context store is configured"); break;
            case "corrupt": RpcErrors.DataLoss("c0ffee", "context c0ffee fails its checksum"); break;
            case "internal": RpcErrors.Internal("something broke"); break;
        }
        return Task.FromResult(new CompressResponse { ContextId = text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }
}
