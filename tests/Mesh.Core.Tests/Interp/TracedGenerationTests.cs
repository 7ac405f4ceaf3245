using Mesh.Core.Decoding;
using Mesh.Core.Interp;

namespace Mesh.Core.Tests.Interp;

/// <summary>"Token, then its traces", the same whichever way a traced generation is driven.</summary>
public sealed class TracedGenerationTests(TinyLlavaFixture fixture) : IClassFixture<TinyLlavaFixture>
{
    static readonly TraceRequest ImageMaps = new(TraceDetail.ImageMaps, LayerScope.Explicit(1, 3));

    /// <summary>A sink and token callback writing one log, so their order shows.</summary>
    sealed class Log : ITraceSink
    {
        public List<string> Events { get; } = [];
        public List<TokenTrace> Traces { get; } = [];
        public void OnToken(GeneratedToken token) => Events.Add($"token {token.Index}");
        public void OnTokenTrace(TokenTrace trace)
        {
            Events.Add($"traces {trace.TokenIndex}");
            Traces.Add(trace);
        }
    }

    TracedGeneration Traced(Log log) => new(ImageMaps, TokenGroups.From(fixture.Layout), new ImageGrid(4, 4), log, log.OnToken);

    static IEnumerable<string> Interleaved(int tokens) => Enumerable.Range(0, tokens).SelectMany(i => new[] { $"token {i}", $"traces {i}" });

    [Fact]
    public void EachTokenIsFollowedByItsTracesWhicheverWayItRuns()
    {
        var model = fixture.Model.Decoder;
        var options = new GenerationOptions { MaxNewTokens = 5 };
        var whole = new Log();
        using (var embeds = fixture.Embeds()) Traced(whole).Generate(model, embeds, options);

        var stepped = new Log();
        using var cache = model.NewCache(26 + 5);
        using (var embeds = fixture.Embeds())
        {
            var loop = Traced(stepped).Start(model, embeds, cache, options);
            Assert.Equal(Interleaved(1), stepped.Events);                      // the prefill's token and its traces
            while (!loop.Done) loop.Next();
        }

        Assert.Equal(Interleaved(5), whole.Events);
        Assert.Equal(whole.Events, stepped.Events);
        Assert.All(whole.Traces, t => Assert.Equal([1, 3], t.Layers.Select(l => l.Layer)));
        Assert.Equal(whole.Traces.SelectMany(t => t.Layers).SelectMany(l => l.ImageMap!.Values),
                     stepped.Traces.SelectMany(t => t.Layers).SelectMany(l => l.ImageMap!.Values));
    }

    [Fact]
    public void UntracedAndTraceNoneSendTokensAlone()
    {
        var model = fixture.Model.Decoder;
        var options = new GenerationOptions { MaxNewTokens = 3 };
        var untraced = new Log();
        using (var embeds = fixture.Embeds()) TracedGeneration.Untraced(untraced.OnToken).Generate(model, embeds, options);
        var none = new Log();
        using (var embeds = fixture.Embeds())
            new TracedGeneration(TraceRequest.None, TokenGroups.From(fixture.Layout), new ImageGrid(4, 4), none, none.OnToken).Generate(model, embeds, options);

        Assert.Equal(["token 0", "token 1", "token 2"], untraced.Events);
        Assert.Equal(untraced.Events, none.Events);
    }
}
