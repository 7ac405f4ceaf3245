using Grpc.Core;
using Grpc.Net.Client;
using Mesh.Clients;
using Mesh.Contracts.Decoder.V1;
using Mesh.Contracts.Judge.V1;

namespace Mesh.Experiments;

/// <summary>The gateway's services as the experiments call them, with the API key on every call.</summary>
public sealed class MeshClients(ExperimentOptions options) : IDisposable
{
    readonly GrpcChannel _channel = GrpcChannel.ForAddress(options.Address);
    readonly Metadata? _headers = ApiKey.Headers(options.ApiKey);

    public Decoder.DecoderClient Decoder => new(_channel);
    public Judge.JudgeClient Judge => new(_channel);
    public Mesh.Contracts.Segmentation.V1.Segmentation.SegmentationClient Segmentation => new(_channel);

    /// <summary>Runs one generation to the end.</summary>
    public async Task<DescribeRun> GenerateAsync(GenerateRequest request, CancellationToken cancellationToken)
    {
        using var call = Decoder.Generate(request, _headers, cancellationToken: cancellationToken);
        return await DescribeRun.ReadAsync(call, null, cancellationToken);
    }

    /// <summary>The lexicon judge's F1 of <paramref name="candidate"/> against <paramref name="reference"/> (docs/paper.md section 4).</summary>
    public async Task<CompareResponse> JudgeAsync(string reference, string candidate, CancellationToken cancellationToken) =>
        await Judge.CompareAsync(new CompareRequest { Reference = reference, Candidate = candidate, Backend = JudgeBackend.Lexicon },
                                 _headers, cancellationToken: cancellationToken);

    public Metadata? Headers => _headers;

    public void Dispose() => _channel.Dispose();
}
