using Grpc.Core;
using Mesh.Contracts.Judge.V1;
using Mesh.TestKit;

namespace Mesh.Judge.Tests;

/// <summary>
/// The LLM judge against a stand-in chat server that returns canned replies. These tests check the protocol only:
/// what the judge sends, how it reads replies (JSON or labelled lists), retries and the statuses of failures; they
/// say nothing about the quality of any model's verdicts.
/// </summary>
public sealed class JudgeBackendsTests(LlmJudgeHost host) : IClassFixture<LlmJudgeHost>
{
    static CompareRequest Llm(string reference, string candidate) => new() { Reference = reference, Candidate = candidate, Backend = JudgeBackend.Llm };

    const string Verdict = """
        Step 1: reference objects are man, dog, frisbee. Step 2: candidate objects are person, dog, ball.
        ```json
        {"reference_objects": ["man", "dog", "frisbee"], "candidate_objects": ["person", "dog", "ball"],
         "true_positives": [{"reference": "man", "candidate": "person"}, {"reference": "dog", "candidate": "dog"}],
         "false_negatives": ["frisbee"], "false_positives": ["ball"]}
        ```
        """;

    [Fact]
    public async Task SendsTheProtocolAndReadsTheJsonVerdict()
    {
        int before = host.Chat.Requests.Count;
        host.Chat.Reply(Verdict);
        var response = await host.Client.CompareAsync(Llm("A man throws a frisbee to a dog.", "A person plays with a dog and a ball."));

        Assert.Equal(JudgeBackend.Llm, response.Backend);
        Assert.Equal([("man", "person"), ("dog", "dog")], response.TruePositives.Select(m => (m.Reference, m.Candidate)));
        Assert.Equal(["frisbee"], response.FalseNegatives);
        Assert.Equal(["ball"], response.FalsePositives);
        Assert.Equal(2.0 / 3, response.F1, 12);

        var (body, authorization) = host.Chat.Requests.Skip(before).Single();
        Assert.Equal("Bearer stand-in-key", authorization);
        Assert.Equal("stand-in-model", (string?)body["model"]);
        Assert.Equal(0.0, (double?)body["temperature"]);
        var messages = body["messages"]!.AsArray();
        Assert.Equal(["system", "user"], messages.Select(m => (string?)m!["role"]));
        Assert.Contains("Step 4.", (string?)messages[0]!["content"]);
        Assert.Equal("REFERENCE: A man throws a frisbee to a dog.\nCANDIDATE: A person plays with a dog and a ball.",
                     ((string?)messages[1]!["content"])!.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task ReadsLabelledListsWhenTheReplyHasNoJson()
    {
        host.Chat.Reply("TP: bike ~ bicycle\nFN: none\nFP: helmet, car");
        var response = await host.Client.CompareAsync(Llm("a bike", "a bicycle, a helmet and a car"));
        Assert.Equal(["bicycle", "helmet", "car"], response.CandidateObjects);
        Assert.Equal(1.0 / 3, response.Precision, 12);
        Assert.Equal(1.0, response.Recall);
    }

    [Fact]
    public async Task RetriesTransientFailures()
    {
        int before = host.Chat.Requests.Count;
        host.Chat.Fail(503);
        host.Chat.Fail(429);
        host.Chat.Reply(Verdict);
        var response = await host.Client.CompareAsync(Llm("a man and a dog", "a person and a dog"));
        Assert.Equal(2, response.TruePositives.Count);
        Assert.Equal(3, host.Chat.Requests.Count - before);
    }

    [Fact]
    public async Task PersistentFailuresAreUnavailableNamingTheStatus()
    {
        int before = host.Chat.Requests.Count;
        for (int i = 0; i < 3; i++) host.Chat.Fail(503);
        await RpcAssert.FailsAsync(StatusCode.Unavailable, "503", () => host.Client.CompareAsync(Llm("a dog", "a cat")).ResponseAsync);
        Assert.Equal(3, host.Chat.Requests.Count - before);
    }

    [Fact]
    public async Task ARefusedKeyIsNotRetried()
    {
        int before = host.Chat.Requests.Count;
        host.Chat.Fail(401);
        await RpcAssert.FailsAsync(StatusCode.Unavailable, "check Judge:Llm:ApiKey", () => host.Client.CompareAsync(Llm("a dog", "a cat")).ResponseAsync);
        Assert.Equal(1, host.Chat.Requests.Count - before);
    }

    [Fact]
    public async Task AnUnreadableReplyIsUnavailableQuotingIt()
    {
        host.Chat.Reply("Both descriptions look fine to me.");
        await RpcAssert.FailsAsync(StatusCode.Unavailable, "Both descriptions look fine", () => host.Client.CompareAsync(Llm("a dog", "a cat")).ResponseAsync);
    }

    [Fact]
    public async Task TwoEmptyTextsNeedNoModel()
    {
        int before = host.Chat.Requests.Count;
        var response = await host.Client.CompareAsync(Llm("", " "));
        Assert.Equal(1.0, response.F1);
        Assert.Equal(before, host.Chat.Requests.Count);
    }

    [Fact]
    public async Task ABatchMayMixBackends()
    {
        host.Chat.Reply(Verdict);
        var response = await host.Client.CompareBatchAsync(new CompareBatchRequest
        {
            Pairs = { Llm("a man, a dog and a frisbee", "a person, a dog and a ball"), new CompareRequest { Reference = "a dog", Candidate = "a dog" } },
        });
        Assert.Equal([JudgeBackend.Llm, JudgeBackend.Lexicon], response.Results.Select(r => r.Backend));
        Assert.Equal((2.0 / 3 + 1) / 2, response.F1.Mean, 12);
    }

    [Fact]
    public async Task AnUnreachableEndpointIsUnavailable()
    {
        using var refusing = new RefusingPort();
        var settings = LlmJudgeHost.LlmSettings(new Uri(refusing.Address, "/v1"));
        settings["Judge:Llm:MaxRetries"] = "0";
        await using var unreachable = await JudgeHost.Start(settings);
        var client = new Contracts.Judge.V1.Judge.JudgeClient(unreachable.Channel);
        await RpcAssert.FailsAsync(StatusCode.Unavailable, "could not be reached", () => client.CompareAsync(Llm("a dog", "a cat")).ResponseAsync);
    }
}
