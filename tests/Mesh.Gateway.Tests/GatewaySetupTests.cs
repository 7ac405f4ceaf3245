using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Mesh.Contracts.Decoder.V1;
using Mesh.Gateway.Tests.TestHosts;

namespace Mesh.Gateway.Tests;

/// <summary>Calls through a real gateway to two test replicas of the decoder, in every protocol the gateway forwards.</summary>
public sealed class GatewaySetupTests : IAsyncLifetime
{
    TestReplica _a = null!, _b = null!;
    TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _a = await TestReplica.StartAsync("replica-a");
        _b = await TestReplica.StartAsync("replica-b");
        _gateway = await TestGateway.StartAsync([_a, _b], new Dictionary<string, string?> { ["Gateway:LoadBalancing"] = "RoundRobin" });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task UnaryCallsAreForwardedAndBalancedOverBothReplicas()
    {
        var client = new Decoder.DecoderClient(_gateway.GrpcChannel());
        var answered = new List<string>();
        for (int i = 0; i < 10; i++)
            answered.Add((await client.GetModelInfoAsync(new GetModelInfoRequest())).ModelId);

        Assert.Equal(5, answered.Count(r => r == "replica-a"));
        Assert.Equal(5, answered.Count(r => r == "replica-b"));
        Assert.Equal(10, _a.Calls.Count + _b.Calls.Count);
    }

    [Fact]
    public async Task ServerStreamArrivesWholeAndInOrder()
    {
        var client = new Decoder.DecoderClient(_gateway.GrpcChannel());
        var events = await ReadAll(client.Generate(Request(maxTokens: 5)));
        AssertStream(events, tokens: 5);
    }

    [Fact]
    public async Task GrpcWebUnaryAndStreamAreForwardedOverHttp1()
    {
        var client = new Decoder.DecoderClient(_gateway.GrpcWebChannel());

        var info = await client.GetModelInfoAsync(new GetModelInfoRequest());
        var events = await ReadAll(client.Generate(Request(maxTokens: 3)));

        Assert.Contains(info.ModelId, new[] { "replica-a", "replica-b" });
        AssertStream(events, tokens: 3);
    }

    [Fact]
    public async Task JsonUnaryCallThroughTheHttpMapping()
    {
        var response = await _gateway.Web.GetAsync("/v1/decoder/model-info");

        response.EnsureSuccessStatusCode();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var info = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(info.GetProperty("modelId").GetString(), new[] { "replica-a", "replica-b" });
        Assert.Equal(2, info.GetProperty("numLayers").GetInt32());
    }

    [Fact]
    public async Task AJsonBodyOverTheMessageLimitIsRefusedBeforeAnyReplicaSeesIt()
    {
        string prompt = new('a', 5 << 20); // over the 4 MiB message limit
        // A declared length (JsonContent streams without one, and Kestrel then cuts the body off with a bare 413).
        using var body = new StringContent(JsonSerializer.Serialize(new { prompt = new { text = prompt } }), System.Text.Encoding.UTF8, "application/json");
        using var response = await _gateway.Web.PostAsync("/v1/decoder:generate", body);

        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("GrpcLimits:MaxReceiveMessageBytes", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
        Assert.Equal(0, _a.Calls.Count + _b.Calls.Count);
    }

    [Fact]
    public async Task JsonServerStreamIsOneObjectPerEvent()
    {
        using var body = JsonContent.Create(new { prompt = new { text = "describe" }, sampling = new { maxTokens = 4 } });
        using var response = await _gateway.Web.PostAsync("/v1/decoder:generate", body);

        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync();
        var events = new List<JsonElement>();
        await foreach (var item in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, topLevelValues: true))
            events.Add(item);

        Assert.Equal(6, events.Count);
        Assert.Equal(8, events[0].GetProperty("prompt").GetProperty("promptTokens").GetInt32());
        Assert.Equal(["t0", "t1", "t2", "t3"], events.Skip(1).Take(4).Select(e => e.GetProperty("token").GetProperty("text").GetString()));
        Assert.Equal(4, events[5].GetProperty("summary").GetProperty("generatedTokens").GetInt32());
    }

    static GenerateRequest Request(int maxTokens) =>
        new() { Prompt = new Prompt { Text = "describe" }, Sampling = new SamplingParams { MaxTokens = maxTokens } };

    static async Task<List<GenerateEvent>> ReadAll(AsyncServerStreamingCall<GenerateEvent> call)
    {
        using (call)
        {
            var events = new List<GenerateEvent>();
            await foreach (var e in call.ResponseStream.ReadAllAsync()) events.Add(e);
            return events;
        }
    }

    static void AssertStream(List<GenerateEvent> events, int tokens)
    {
        Assert.Equal(tokens + 2, events.Count);
        Assert.Equal("describe".Length, events[0].Prompt.PromptTokens);
        Assert.Equal(Enumerable.Range(0, tokens).Select(i => $"t{i}"), events.Skip(1).Take(tokens).Select(e => e.Token.Text));
        Assert.Equal(tokens, events[^1].Summary.GeneratedTokens);
        Assert.Contains(events[^1].Summary.Text, new[] { "replica-a", "replica-b" });
    }
}
