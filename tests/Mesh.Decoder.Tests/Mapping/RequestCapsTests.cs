using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Decoder.V1;
using Mesh.TestKit;

namespace Mesh.Decoder.Tests.Mapping;

/// <summary>
/// The hard caps are checked on lengths and counts alone, before a request queues: each refusal names its field and
/// the setting that allows more, and a request at a cap passes.
/// </summary>
public sealed class RequestCapsTests(TinyDecoder decoder) : IClassFixture<TinyDecoder>
{
    DecoderOptions Caps => decoder.Options.Value;

    static KnockoutEdge Edge => new() { Source = new() { Group = TokenGroup.Image }, Target = new() { Group = TokenGroup.Generated } };

    static LayerSet LayerList(int entries) => new() { Layers = new LayerList { Layers = { Enumerable.Repeat(0, entries) } } };

    static LayerSet RangeList(int entries) => new() { Ranges = new LayerRanges { Ranges = { Enumerable.Repeat(new LayerRange(), entries) } } };

    GenerateRequest AtEveryCap(int over = 0)
    {
        var request = TinyLlava.Request(4);
        request.Prompt.Text = new string('a', Caps.MaxPromptChars + over);
        request.Sampling.StopTokenIds.AddRange(Enumerable.Repeat(1, Caps.MaxStopTokenIds));
        request.Knockout = new Knockout { Edges = { Enumerable.Repeat(Edge, Caps.MaxKnockoutEdges) }, Layers = LayerList(Caps.MaxLayerEntries) };
        request.Trace = new TraceOptions { Level = TraceLevel.Fractions, Layers = RangeList(Caps.MaxLayerEntries) };
        return request;
    }

    [Fact]
    public void ARequestAtEveryCapIsAdmitted() => decoder.Mapper.Admit(AtEveryCap());

    [Fact]
    public void APromptOverItsCapIsRefusedBeforeTokenizing() =>
        Assert.Contains("Decoder:MaxPromptChars", RpcAssert.InvalidArgument("prompt.text", () => decoder.Mapper.Admit(AtEveryCap(over: 1))));

    [Fact]
    public void EveryCountOverItsCapIsRefusedUnderItsField()
    {
        var edges = AtEveryCap();
        edges.Knockout.Edges.Add(Edge);
        Assert.Contains("Decoder:MaxKnockoutEdges", RpcAssert.InvalidArgument("knockout.edges", () => decoder.Mapper.Admit(edges)));

        var layers = AtEveryCap();
        layers.Knockout.Layers = LayerList(Caps.MaxLayerEntries + 1);
        Assert.Contains("Decoder:MaxLayerEntries", RpcAssert.InvalidArgument("knockout.layers.layers", () => decoder.Mapper.Admit(layers)));

        var ranges = AtEveryCap();
        ranges.Trace.Layers = RangeList(Caps.MaxLayerEntries + 1);
        RpcAssert.InvalidArgument("trace.layers.ranges", () => decoder.Mapper.Admit(ranges));

        var stops = AtEveryCap();
        stops.Sampling.StopTokenIds.Add(1);
        Assert.Contains("Decoder:MaxStopTokenIds", RpcAssert.InvalidArgument("sampling.stop_token_ids", () => decoder.Mapper.Admit(stops)));
    }

    [Fact]
    public void CompressAndAskHaveTheSameCaps()
    {
        var compress = new CompressRequest { Prompt = new Prompt { Text = new string('a', Caps.MaxPromptChars + 1) } };
        RpcAssert.InvalidArgument("prompt.text", () => decoder.Mapper.Admit(compress));

        var ask = new AskRequest { Question = new Prompt { Text = "why" }, Trace = new TraceOptions { Layers = LayerList(Caps.MaxLayerEntries + 1) } };
        RpcAssert.InvalidArgument("trace.layers.layers", () => decoder.Mapper.Admit(ask));
        ask.Trace = null;
        ask.Question.Text = new string('a', Caps.MaxPromptChars + 1);
        RpcAssert.InvalidArgument("question.text", () => decoder.Mapper.Admit(ask));
    }
}
