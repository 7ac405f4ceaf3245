using Mesh.Core.Decoding;

namespace Mesh.Core.Tests.Decoding;

/// <summary>Generation a token at a time is the same generation: the reference tokens, logits and stop rules.</summary>
public sealed class TokenLoopTests(TinyLlavaFixture fixture) : IClassFixture<TinyLlavaFixture>
{
    static int[] ReferenceIds => Reference.ReadI64(TinyLlavaFixture.ReferenceFile, "generated_ids").Select(i => (int)i).ToArray();

    [Fact]
    public void SteppingGivesTheReferenceTokensAndTheSameLogitsAsARun()
    {
        var model = fixture.Model.Decoder;
        var options = new GenerationOptions { MaxNewTokens = 12 };
        var whole = new List<float[]>();
        using (var embeds = fixture.Embeds()) Generation.Generate(model, embeds, options, onToken: t => whole.Add(t.Logits));

        var stepped = new List<GeneratedToken>();
        using var cache = model.NewCache(26 + 12);
        var loop = new TokenLoop(model, cache, options, onToken: stepped.Add);
        using (var embeds = fixture.Embeds()) loop.Prefill(embeds);
        Assert.Single(stepped);                                              // the prefill chose token 0
        while (!loop.Done) loop.Next();

        Assert.Equal(ReferenceIds, loop.Result.TokenIds);
        Assert.Equal((StopCause.MaxTokens, 26), (loop.Result.StopCause, loop.Result.PromptTokens));
        Assert.Equal(Enumerable.Range(26, 12).Select(p => (long)p), stepped.Select(t => t.Position));
        Assert.Equal(whole, stepped.Select(t => t.Logits));                  // bit for bit
        Assert.Throws<InvalidOperationException>(loop.Next);
    }

    [Fact]
    public void AFullCacheEndsTheLoopAndTheResultWaitsForTheEnd()
    {
        var model = fixture.Model.Decoder;
        using var cache = model.NewCache(26 + 3);
        var loop = new TokenLoop(model, cache, new GenerationOptions { MaxNewTokens = 12 });
        Assert.Throws<InvalidOperationException>(loop.Next);                 // no prompt yet
        using (var embeds = fixture.Embeds()) loop.Prefill(embeds);
        Assert.Throws<InvalidOperationException>(() => loop.Result);
        while (!loop.Done) loop.Next();
        Assert.Equal(StopCause.ContextFull, loop.Result.StopCause);
        Assert.Equal(ReferenceIds[..4], loop.Result.TokenIds);
    }
}
