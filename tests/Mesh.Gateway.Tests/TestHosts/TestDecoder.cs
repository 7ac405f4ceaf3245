using Grpc.Core;
using Mesh.Contracts.Decoder.V1;

namespace Mesh.Gateway.Tests.TestHosts;

/// <summary>
/// TEST DOUBLE of <c>mesh.decoder.v1.Decoder</c>, not the real decoder: it runs no model. <c>GetModelInfo</c> answers
/// with the replica's name as the model id; <c>Generate</c> streams a PromptEvent, <c>max_tokens</c> tokens
/// "t0", "t1", ... and a summary, so a test can tell which replica answered and that every event arrived in order.
/// Every call is counted on the replica's <see cref="ReplicaCalls"/>.
/// </summary>
public sealed class TestDecoder(ReplicaCalls calls) : Decoder.DecoderBase
{
    /// <inheritdoc />
    public override Task<ModelInfo> GetModelInfo(GetModelInfoRequest request, ServerCallContext context)
    {
        calls.Record(context);
        return Task.FromResult(new ModelInfo { ModelId = calls.Replica, NumLayers = 2 });
    }

    /// <inheritdoc />
    public override async Task Generate(GenerateRequest request, IServerStreamWriter<GenerateEvent> responseStream, ServerCallContext context)
    {
        calls.Record(context);
        int tokens = request.Sampling?.MaxTokens ?? 0;
        await responseStream.WriteAsync(new GenerateEvent { Prompt = new PromptEvent { PromptTokens = request.Prompt?.Text.Length ?? 0 } });
        for (int i = 0; i < tokens; i++)
            await responseStream.WriteAsync(new GenerateEvent { Token = new TokenEvent { Index = i, Id = i, Text = $"t{i}" } });
        await responseStream.WriteAsync(new GenerateEvent
        {
            Summary = new GenerateSummary { GeneratedTokens = tokens, Text = calls.Replica, StopReason = StopReason.MaxTokens },
        });
    }
}

/// <summary>Calls one test replica has served.</summary>
public sealed class ReplicaCalls(string replica)
{
    int _count;

    /// <summary>The replica's name.</summary>
    public string Replica { get; } = replica;

    /// <summary>Calls served so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Request headers of the last call.</summary>
    public Metadata? LastHeaders { get; private set; }

    /// <summary>Counts one call.</summary>
    public void Record(ServerCallContext context)
    {
        LastHeaders = context.RequestHeaders;
        Interlocked.Increment(ref _count);
    }
}
