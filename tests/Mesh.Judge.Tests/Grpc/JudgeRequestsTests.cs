using Grpc.Core;
using Mesh.Contracts.Judge.V1;
using Mesh.TestKit;

namespace Mesh.Judge.Tests.Grpc;

/// <summary>Bad requests get INVALID_ARGUMENT naming the field and what is allowed (the host allows 1000 characters and 8 pairs).</summary>
public sealed class JudgeRequestsTests(JudgeHost host) : IClassFixture<JudgeHost>
{
    static Task Refused(string messagePart, Func<Task> call) => RpcAssert.FailsAsync(StatusCode.InvalidArgument, messagePart, call);

    [Fact]
    public async Task AnOversizedTextIsRefusedNamingTheLimit()
    {
        await Refused("candidate is 1001 characters; at most 1000",
            () => host.Client.CompareAsync(new CompareRequest { Reference = "a dog", Candidate = new string('x', 1001) }).ResponseAsync);
    }

    [Fact]
    public async Task AnOversizedTextInsideABatchIsRefusedNamingThePair()
    {
        var request = new CompareBatchRequest { Pairs = { new CompareRequest(), new CompareRequest { Reference = new string('x', 2000) } } };
        await Refused("pairs[1].reference", () => host.Client.CompareBatchAsync(request).ResponseAsync);
    }

    [Fact]
    public async Task EmptyAndOverfullBatchesAreRefused()
    {
        await Refused("send 1 to 8 pairs", () => host.Client.CompareBatchAsync(new CompareBatchRequest()).ResponseAsync);
        var overfull = new CompareBatchRequest();
        overfull.Pairs.AddRange(Enumerable.Range(0, 9).Select(_ => new CompareRequest()));
        await Refused("9 pairs; at most 8", () => host.Client.CompareBatchAsync(overfull).ResponseAsync);
    }

    [Fact]
    public Task AnUnknownBackendIsRefused() =>
        Refused("allowed: JUDGE_BACKEND_LEXICON, JUDGE_BACKEND_LLM", () => host.Client.CompareAsync(new CompareRequest { Backend = (JudgeBackend)7 }).ResponseAsync);

    [Fact]
    public Task TheLlmBackendWithoutAnEndpointIsRefused() =>
        Refused("no LLM judge configured", () => host.Client.CompareAsync(new CompareRequest { Reference = "a dog", Backend = JudgeBackend.Llm }).ResponseAsync);
}
