using Grpc.Core;
using Mesh.Catalog;
using Mesh.Contracts.Judge.V1;
using Mesh.Judge.Grpc;
using Mesh.Judging.Lexicon;
using Mesh.ServiceDefaults;
using Mesh.ServiceDefaults.Health;
using Mesh.ServiceDefaults.Hosting;
using Mesh.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mesh.Judge.Tests;

public sealed class JudgeReadinessTests
{
    [Fact]
    public async Task ReadinessSaysWhatWasLoaded()
    {
        await using var host = await JudgeHost.Start(new Dictionary<string, string?>());
        string ready = await host.Management.GetStringAsync("/health/ready");
        Assert.StartsWith("Healthy", ready);
        Assert.Contains("objects", ready);
        Assert.Contains("no LLM judge configured", ready);
    }

    sealed class BrokenLexicon : IModelLoader<LexiconJudge>
    {
        public string Service => "the judge";
        public string Source => "the built-in object lexicon";
        public Task<LexiconJudge> LoadAsync(CancellationToken cancellationToken) => throw new InvalidDataException("objects.json: no objects");
        public string Describe(LexiconJudge model) => "";
    }

    [Fact]
    public async Task ALexiconThatCannotLoadLeavesTheJudgeUnreadyAndComparisonsUnavailable()
    {
        await using var host = await ServiceHost.StartAsync(
            b => { b.AddServiceDefaults(); b.AddJudge(); b.Services.Replace(ServiceDescriptor.Singleton<IModelLoader<LexiconJudge>, BrokenLexicon>()); },
            app => { app.MapDefaultEndpoints(); app.MapGrpcService<JudgeService>(); });
        var readiness = host.Get<ServiceReadiness>();
        await Polling.UntilAsync(() => readiness.Description.Contains("failed"), "loading has failed");

        var ready = await host.Management.GetAsync(ServiceConventions.ReadyPath);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("loading the built-in object lexicon failed: objects.json: no objects", await ready.Content.ReadAsStringAsync());
        var client = new Contracts.Judge.V1.Judge.JudgeClient(host.Channel);
        await RpcAssert.FailsAsync(StatusCode.Unavailable, "the judge is not ready: loading the built-in object lexicon failed: objects.json: no objects",
                                   async () => await client.CompareAsync(new CompareRequest { Reference = "a dog", Candidate = "a cat" }));
    }

    [Fact]
    public async Task AnLlmDefaultWithoutAnEndpointStopsTheStart()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            JudgeHost.Start(new Dictionary<string, string?> { ["Judge:DefaultBackend"] = "Llm" }));
        Assert.Contains("Judge:DefaultBackend is Llm", error.Message);
    }

    [Fact]
    public async Task AnLlmDefaultServesUnspecifiedRequests()
    {
        await using var chat = await StandInChatServer.StartAsync();
        var settings = LlmJudgeHost.LlmSettings(chat.Endpoint);
        settings["Judge:DefaultBackend"] = "Llm";
        await using var host = await JudgeHost.Start(settings);
        chat.Reply("""{"tp": [], "fn": ["dog"], "fp": []}""");
        var response = await new Contracts.Judge.V1.Judge.JudgeClient(host.Channel).CompareAsync(new CompareRequest { Reference = "a dog" });
        Assert.Equal(JudgeBackend.Llm, response.Backend);
        Assert.Equal(["dog"], response.FalseNegatives);
    }
}
