using Mesh.Contracts.Judge.V1;
using Microsoft.Extensions.Options;

namespace Mesh.Judge.Tests;

public sealed class JudgeStartupTests
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
