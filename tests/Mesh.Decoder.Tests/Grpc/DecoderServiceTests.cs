using Mesh.TestKit;
using Grpc.Core;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Decoder.V1;
using Proto = Mesh.Contracts.Decoder.V1;

namespace Mesh.Decoder.Tests.Grpc;

/// <summary>The decoder service in-process on loopback: streams, traces, knockouts, model info.</summary>
public sealed class DecoderServiceTests(DecoderHost host) : IClassFixture<DecoderHost>
{
    [Fact]
    public async Task TheFixturePromptStreamsThePromptTheReferenceTokensAndASummary()
    {
        var events = await host.GenerateAsync(TinyLlava.Request());
        Assert.Equal(GenerateEvent.EventOneofCase.Prompt, events[0].EventCase);
        Assert.Equal((26, 5, 21, 4, 4), (events[0].Prompt.PromptTokens, events[0].Prompt.ImageStart, events[0].Prompt.ImageEnd,
                                          events[0].Prompt.GridRows, events[0].Prompt.GridCols));
        var tokens = events.Where(e => e.EventCase == GenerateEvent.EventOneofCase.Token).Select(e => e.Token).ToList();
        Assert.Equal(TinyLlava.GeneratedIds, tokens.Select(t => t.Id));
        Assert.Equal(Enumerable.Range(0, 12), tokens.Select(t => t.Index));
        Assert.All(tokens, t => Assert.True(t.Logprob <= 0));
        var summary = events[^1].Summary;
        Assert.Equal((Proto.StopReason.MaxTokens, 26, 12), (summary.StopReason, summary.PromptTokens, summary.GeneratedTokens));
        Assert.DoesNotContain(events, e => e.EventCase == GenerateEvent.EventOneofCase.Traces);
    }

    [Fact]
    public async Task FractionTracesFollowEachTokenAndSumToOne()
    {
        var request = TinyLlava.Request(4);
        request.Trace = new Proto.TraceOptions { Level = Proto.TraceLevel.ImageMaps, Layers = new Mesh.Contracts.Common.V1.LayerSet { FromLayer = 1 } };
        var events = await host.GenerateAsync(request);
        var body = events.Skip(1).Take(8).ToList();   // token, traces, token, traces, ...
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(i, body[2 * i].Token.Index);
            var traces = body[2 * i + 1].Traces;
            Assert.Equal(i, traces.TokenIndex);
            Assert.Equal([2, 3], traces.Layers.Select(l => l.Layer));
            Assert.All(traces.Layers, l =>
            {
                Assert.InRange(l.Image + l.Query + l.Generated, 1 - 1e-5f, 1 + 1e-5f);
                Assert.Equal(16 * 2, l.ImageMap.ValuesF16.Length);
            });
        }
        Assert.True(events[^1].Summary.TraceBytes > 0);
    }

    [Fact]
    public async Task TheFixtureKnockoutThroughTheServiceGivesTheReferenceIds()
    {
        var request = TinyLlava.Request();
        request.Knockout = TinyLlava.Knockout();
        var events = await host.GenerateAsync(request);
        Assert.Equal(TinyLlava.KnockoutIds,
                     events.Where(e => e.EventCase == GenerateEvent.EventOneofCase.Token).Select(e => e.Token.Id));
    }

    [Fact]
    public async Task FullRowsArriveAsOneChunkPerLayerAndHead()
    {
        var request = TinyLlava.Request(2);
        request.Trace = new Proto.TraceOptions { Level = Proto.TraceLevel.FullRows };
        var rows = (await host.GenerateAsync(request)).Where(e => e.EventCase == GenerateEvent.EventOneofCase.Rows).Select(e => e.Rows).ToList();
        Assert.Equal(2 * 4 * 4, rows.Count);                          // tokens x layers x heads
        Assert.All(rows.Where(r => r.TokenIndex == 1), r => Assert.Equal(27, r.RowLength));   // the row at position 26 sees 27 keys
        Assert.All(rows, r => Assert.Equal(2 * r.RowLength, r.ValuesF16.Length));
    }

    [Fact]
    public async Task ModelInfoDescribesTheLoadedModel()
    {
        var info = await host.Client.GetModelInfoAsync(new GetModelInfoRequest());
        Assert.Equal((4, 4, 2, 64, 384, 16, 4, 4), (info.NumLayers, info.NumHeads, info.NumKvHeads, info.HiddenSize, info.VocabSize,
                                                   info.ImageTokenCount, info.ImageGridRows, info.ImageGridCols));
        Assert.Equal("<image>", info.ImageMarker);
    }

    [Fact]
    public async Task CompressAndAskWithoutAContextStoreFailTheirPrecondition()
    {
        var request = TinyLlava.Request();
        var compress = new CompressRequest
        {
            ImageBytes = request.ImageBytes, Prompt = request.Prompt, Sampling = request.Sampling,
            Selection = new TokenSelection { Method = Proto.SelectionMethod.Attention, K = 0.25 },
        };
        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client.CompressAsync(compress).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("Decoder:ContextStoreAddress", error.Status.Detail);
        Assert.NotNull(error.GetRpcStatus());   // built by RpcErrors, with its google.rpc status
        var ask = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = host.Client.Ask(new AskRequest { ContextId = "x", Question = new Proto.Prompt { Text = "1 2" } });
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });
        Assert.Equal(StatusCode.FailedPrecondition, ask.StatusCode);
    }

    [Fact]
    public async Task CompressWithTheStoreDownIsUnavailableBeforeAnyGeneration()
    {
        using var down = new RefusingPort();
        var settings = new Dictionary<string, string?>
        {
            ["Decoder:ModelDirectory"] = TinyLlava.Directory,
            ["Decoder:ContextStoreAddress"] = down.Address.ToString(),
        };
        await using var decoder = await DecoderHost.StartReadyAsync(settings);
        var client = new Contracts.Decoder.V1.Decoder.DecoderClient(decoder.Channel);
        var request = TinyLlava.Request();
        var compress = new CompressRequest
        {
            ImageBytes = request.ImageBytes, Prompt = request.Prompt, Sampling = request.Sampling,
            Selection = new TokenSelection { Method = Proto.SelectionMethod.Attention, K = 0.25 },
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => client.CompressAsync(compress).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("the context store does not answer", error.Status.Detail);
        Assert.DoesNotContain(down.Port.ToString(), error.Status.Detail);
    }
}
