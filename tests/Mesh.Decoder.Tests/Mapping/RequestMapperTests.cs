using Google.Protobuf;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Interp;
using Mesh.Core.Interp.Contexts;
using Mesh.TestKit;

namespace Mesh.Decoder.Tests.Mapping;

/// <summary>
/// The mapper is where a request is checked, once: each bad field is refused under its own name with the service's
/// words, and what it returns is fitted to the model (4 layers, a 256-token window, tiny-llava's prompt).
/// </summary>
public sealed class RequestMapperTests(TinyDecoder decoder) : IClassFixture<TinyDecoder>
{
    static GenerateRequest With(Action<GenerateRequest> change)
    {
        var request = TinyLlava.Request(4);
        change(request);
        return request;
    }

    string Refused(string field, GenerateRequest request) => RpcAssert.InvalidArgument(field, () => decoder.Mapper.Map(request));

    static LayerSet Layers(params int[] layers) => new() { Layers = new LayerList { Layers = { layers } } };

    static Knockout ImageToGenerated(LayerSet? layers = null, Mesh.Contracts.Common.V1.TokenSelector? source = null)
    {
        var knockout = new Knockout { Layers = layers };
        knockout.Edges.Add(new KnockoutEdge
        {
            Source = source ?? new() { Group = TokenGroup.Image }, Target = new() { Group = TokenGroup.Generated },
        });
        return knockout;
    }

    [Fact]
    public void AGoodRequestBecomesAJobFittedToItsPrompt()
    {
        var job = decoder.Mapper.Map(With(r =>
        {
            r.Knockout = ImageToGenerated(Layers(1, 2));
            r.Trace = new TraceOptions { Level = TraceLevel.Fractions, Layers = new LayerSet { FromLayer = 1 } };
            r.Sampling.Temperature = 0.5f;
            r.Sampling.TopP = 0.9f;
        }));
        Assert.Equal((26, 5, 21), (job.Layout.Length, job.Layout.ImageStart, job.Layout.ImageEnd));
        Assert.Equal(new TokenGroups(5, 21, 26), job.Interp.Groups);
        Assert.Equal([1, 2], job.Interp.Knockout.Layers.Enumerate(4));
        Assert.Equal([2, 3], job.Interp.Trace.Layers.Enumerate(4));
        Assert.Null(job.Interp.Selection);
        Assert.Equal((4, 0.5f, 0.9f), (job.Generation.MaxNewTokens, job.Generation.Sampling.Temperature, job.Generation.Sampling.TopP));
        Assert.NotNull(job.Image?.Bytes);
        Assert.Equal(new ImageGrid(4, 4), job.Grid);
    }

    [Theory]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void ABadTemperatureIsRefusedUnderItsField(float temperature) =>
        Assert.Contains("allowed: 0 (greedy) or a finite positive number", Refused("sampling.temperature", With(r => r.Sampling.Temperature = temperature)));

    [Fact]
    public void ABadTopPIsRefusedUnderItsField() =>
        Assert.Contains("top_p is 1.5; allowed: (0, 1]", Refused("sampling.top_p", With(r => r.Sampling.TopP = 1.5f)));

    [Fact]
    public void ANegativeTokenLimitIsRefusedWithTheServiceLimit() =>
        Assert.Contains("allowed 1..250", Refused("sampling.max_tokens", With(r => r.Sampling.MaxTokens = -5)));

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void AStopTokenOutsideTheVocabularyIsRefusedUnderItsField(int id) =>
        Assert.Contains($"stop token {id} is outside the vocabulary 0..", Refused("sampling.stop_token_ids", With(r => r.Sampling.StopTokenIds.Add([2, id]))));

    [Fact]
    public void AKnockoutWhoseExceptedRangeCoversEveryLayerIsRefusedAsDoingNothing()
    {
        var everyLayer = new LayerSet { ExceptRange = new LayerRange { First = 0, Last = 3 } };
        Assert.Contains("would change nothing", Refused("knockout", With(r => r.Knockout = ImageToGenerated(everyLayer))));
        var allButOne = new LayerSet { ExceptRange = new LayerRange { First = 0, Last = 2 } };
        Assert.Equal([3], decoder.Mapper.Map(With(r => r.Knockout = ImageToGenerated(allButOne))).Interp.Knockout.Layers.Enumerate(4));
    }

    [Fact]
    public void KnockoutLayersOutsideTheModelAreRefusedUnderKnockout() =>
        Assert.Contains("layers are 0..3", Refused("knockout", With(r => r.Knockout = ImageToGenerated(Layers(9)))));

    [Fact]
    public void AnEmptySpanIsRefusedUnderItsSelector() =>
        Assert.Contains("non-empty", Refused("knockout.edges[0].source",
            With(r => r.Knockout = ImageToGenerated(source: new() { Span = new PositionSpan { Start = 5, End = 5 } }))));

    [Fact]
    public void AReversedLayerRangeIsRefusedUnderItsLayers()
    {
        var ranges = new LayerSet { Ranges = new LayerRanges { Ranges = { new LayerRange { First = 0, Last = 1 }, new LayerRange { First = 3, Last = 2 } } } };
        Assert.Contains("0 <= first <= last", Refused("knockout.layers", With(r => r.Knockout = ImageToGenerated(ranges))));
    }

    [Fact]
    public void AnEmptyLayerListIsRefusedUnderTraceLayers() =>
        Assert.Contains("empty", Refused("trace.layers", With(r => r.Trace = new TraceOptions { Level = TraceLevel.Fractions, Layers = Layers() })));

    [Fact]
    public void TracedLayersOutsideTheModelAreRefusedUnderTraceLayers() =>
        Assert.Contains("layers are 0..3", Refused("trace.layers",
            With(r => r.Trace = new TraceOptions { Level = TraceLevel.ImageMaps, Layers = new LayerSet { FromLayer = 4 } })));

    [Theory]
    [InlineData(0.0, "(0, 1]")]
    [InlineData(1.5, "(0, 1]")]
    public void KOutsideZeroToOneIsRefusedUnderSelection(double k, string allowed) =>
        Assert.Contains(allowed, Refused("selection", With(r => r.Selection = new TokenSelection { Method = SelectionMethod.Norm, K = k })));

    [Fact]
    public void AFastVLayerOutsideTheModelIsRefusedUnderSelection() =>
        Assert.Contains("layers are 0..3", Refused("selection",
            With(r => r.Selection = new TokenSelection { Method = SelectionMethod.Fastv, K = 0.5, FastvLayer = 7 })));

    [Fact]
    public void AnEmptyEmbeddingKeyIsRefusedBeforeAnyLookup() =>
        Assert.Contains("embedding key is empty", Refused("embedding_key", With(r => r.EmbeddingKey = "")));

    [Fact]
    public void CompressNeedsAMethodAndAnImageTokenForAnImageOnlyContext()
    {
        var request = new CompressRequest
        {
            ImageBytes = ByteString.CopyFrom(TinyLlava.Image), Prompt = new Prompt { Text = TinyLlava.Prompt, Verbatim = true },
            Selection = new TokenSelection { Method = SelectionMethod.Attention, K = 0.05 }, Parts = ContextParts.ImageOnly,
        };
        Assert.Contains("use k >= 1/16", RpcAssert.InvalidArgument("parts", () => decoder.Mapper.Map(request)));
        request.Selection.Method = SelectionMethod.None;
        RpcAssert.InvalidArgument("selection.method", () => decoder.Mapper.Map(request));

        request.Selection = new TokenSelection { Method = SelectionMethod.Norm, K = 0.25 };
        var job = decoder.Mapper.Map(request);
        Assert.Equal((ContextContents.ImageOnly, RankingMethod.Norm, 0.25), (job.Recipe.Contents, job.Recipe.Selection.Method, job.Recipe.Selection.K));
        Assert.Equal((ContextStorage.F16, DType.F16), (job.Storage, job.StorageDType));
    }

    [Fact]
    public void AskIsCheckedBeforeTheFetchAndAgainstTheStoredContextAfterIt()
    {
        RpcAssert.InvalidArgument("context_id", () => decoder.Mapper.ContextId(new AskRequest { Question = new Prompt { Text = "1 2" } }));
        RpcAssert.InvalidArgument("question.text", () => decoder.Mapper.ContextId(new AskRequest { ContextId = "c", Question = new Prompt { Text = " " } }));

        var info = new ContextInfo("tiny-llava", "", "", 0.25, RankingMethod.Attention, 26, 5, 21, []);
        var ask = new AskRequest { ContextId = "c", Question = new Prompt { Text = "12 190", Verbatim = true }, Sampling = new SamplingParams { MaxTokens = 3 } };
        var job = decoder.Mapper.Map(ask, info);
        Assert.Equal([12L, 190], job.Question);
        Assert.Equal((28, 3), (job.PromptTokens, job.Generation.MaxNewTokens));

        ask.Trace = new TraceOptions { Level = TraceLevel.Fractions, Layers = Layers(4) };
        RpcAssert.InvalidArgument("trace.layers", () => decoder.Mapper.Map(ask, info));
        ask.Sampling.MaxTokens = 229;
        Assert.Contains("ask for at most 228", RpcAssert.InvalidArgument("sampling.max_tokens", () => decoder.Mapper.Map(ask, info)));
    }

    [Fact]
    public void MappingStopsOnceTheCallIsCancelled()
    {
        var cancelled = new CancellationToken(canceled: true);
        Assert.Throws<OperationCanceledException>(() => decoder.Mapper.Map(TinyLlava.Request(4), cancelled));
        Assert.Throws<OperationCanceledException>(() => decoder.Mapper.Map(new CompressRequest
        {
            Prompt = TinyLlava.Request().Prompt, ImageBytes = TinyLlava.Request().ImageBytes,
            Selection = new TokenSelection { Method = SelectionMethod.Random, K = 0.5f },
        }, cancelled));
    }
}
