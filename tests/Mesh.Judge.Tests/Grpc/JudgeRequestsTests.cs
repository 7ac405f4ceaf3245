using Grpc.Core;
using Mesh.Contracts.Judge.V1;

namespace Mesh.Judge.Tests.Grpc;

/// <summary>Bad requests get INVALID_ARGUMENT naming the field and what is allowed (the host allows 1000 characters and 8 pairs).</summary>
public sealed class JudgeRequestsTests(JudgeHost host) : IClassFixture<JudgeHost>
{
    static async Task<string> Refused(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        return error.Status.Detail;
    }

    [Fact]
    public async Task AnOversizedTextIsRefusedNamingTheLimit()
    {
        var detail = await Refused(() => host.Client.CompareAsync(new CompareRequest { Reference = "a dog", Candidate = new string('x', 1001) }).ResponseAsync);
        Assert.Contains("candidate is 1001 characters; at most 1000", detail);
    }

    [Fact]
    public async Task AnOversizedTextInsideABatchIsRefusedNamingThePair()
    {
        var request = new CompareBatchRequest { Pairs = { new CompareRequest(), new CompareRequest { Reference = new string('x', 2000) } } };
        Assert.Contains("pairs[1].reference", await Refused(() => host.Client.CompareBatchAsync(request).ResponseAsync));
    }

    [Fact]
    public async Task EmptyAndOverfullBatchesAreRefused()
    {
        Assert.Contains("send 1 to 8 pairs", await Refused(() => host.Client.CompareBatchAsync(new CompareBatchRequest()).ResponseAsync));
        var overfull = new CompareBatchRequest();
        overfull.Pairs.AddRange(Enumerable.Range(0, 9).Select(_ => new CompareRequest()));
        Assert.Contains("9 pairs; at most 8", await Refused(() => host.Client.CompareBatchAsync(overfull).ResponseAsync));
    }

    [Fact]
    public async Task AnUnknownBackendIsRefused() =>
        Assert.Contains("allowed: JUDGE_BACKEND_LEXICON, JUDGE_BACKEND_LLM",
            await Refused(() => host.Client.CompareAsync(new CompareRequest { Backend = (JudgeBackend)7 }).ResponseAsync));

    [Fact]
    public async Task TheLlmBackendWithoutAnEndpointIsRefused() =>
        Assert.Contains("no LLM judge configured",
            await Refused(() => host.Client.CompareAsync(new CompareRequest { Reference = "a dog", Backend = JudgeBackend.Llm }).ResponseAsync));
}
