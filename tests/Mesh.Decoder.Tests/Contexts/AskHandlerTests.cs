using System.Runtime.InteropServices;
using Grpc.Core;
using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Interp.Contexts;
using Mesh.TestKit;
using static Mesh.Contracts.Decoder.V1.GenerateEvent;

namespace Mesh.Decoder.Tests.Contexts;

/// <summary>Ask's handler on tiny-llava with a store in memory: the stream answered from a stored context, and what it refuses.</summary>
public sealed class AskHandlerTests(TinyDecoder decoder) : IClassFixture<TinyDecoder>
{
    async Task<(InMemoryContextStore Store, string ContextId)> Compressed(double k = 0.25)
    {
        var store = new InMemoryContextStore();
        var response = await decoder.Compress(store).RunAsync(CompressHandlerTests.Request(k), CancellationToken.None);
        return (store, response.ContextId);
    }

    static AskRequest Question(string contextId, int maxTokens = 4) => new()
    {
        ContextId = contextId, Question = new Prompt { Text = "12 190 77", Verbatim = true }, Sampling = new SamplingParams { MaxTokens = maxTokens },
    };

    async Task<IReadOnlyList<GenerateEvent>> Ask(InMemoryContextStore store, AskRequest request)
    {
        var writer = new FakeServerStreamWriter<GenerateEvent>();
        await decoder.Ask(store).RunAsync(request, writer, System.Diagnostics.Stopwatch.StartNew(), CancellationToken.None);
        return writer.Messages;
    }

    [Fact]
    public async Task AnAnswerStreamsAfterTheContextsPromptAndTheQuestion()
    {
        var (store, id) = await Compressed();
        var request = Question(id);
        request.Trace = new TraceOptions { Level = TraceLevel.Fractions };
        var events = await Ask(store, request);

        var prompt = events[0].Prompt;
        Assert.Equal((29, 5, 21, id), (prompt.PromptTokens, prompt.ImageStart, prompt.ImageEnd, prompt.ContextId));
        var body = events.Skip(1).SkipLast(1).ToList();
        Assert.Equal(Enumerable.Range(0, 4).SelectMany(_ => new[] { EventOneofCase.Token, EventOneofCase.Traces }), body.Select(e => e.EventCase));
        Assert.All(body.Where(e => e.EventCase == EventOneofCase.Traces).SelectMany(e => e.Traces.Layers),
                   l => Assert.InRange(l.Image + l.Query + l.Generated, 1 - 1e-5f, 1 + 1e-5f));
        Assert.Equal((29, 4), (events[^1].Summary.PromptTokens, events[^1].Summary.GeneratedTokens));
    }

    [Fact]
    public async Task FullRowsAreLaidOutByKeyPositionWithTheDroppedPositionsAtZero()
    {
        var (store, id) = await Compressed(0.25);
        var (_, data) = await store.GetAsync(id, CancellationToken.None);
        using var context = ContextCodec.Deserialize(data);
        var request = Question(id, maxTokens: 2);
        request.Trace = new TraceOptions { Level = TraceLevel.FullRows };
        var rows = (await Ask(store, request)).Where(e => e.EventCase == EventOneofCase.Rows).Select(e => e.Rows).ToList();

        Assert.Equal(2 * 4 * 4, rows.Count);                                  // tokens x layers x heads, one chunk each
        foreach (var chunk in rows)
        {
            int position = 28 + chunk.TokenIndex;                             // 26 prompt positions, 3 question tokens
            Assert.Equal((0, position + 1), (chunk.Offset, chunk.RowLength));
            var values = MemoryMarshal.Cast<byte, Half>(chunk.ValuesF16.Span).ToArray();
            var kept = context.Layers[chunk.Layer].Positions.Concat(Enumerable.Range(26, position - 25).Select(p => (long)p)).ToHashSet();
            for (int key = 0; key <= position; key++)
                if (kept.Contains(key)) Assert.True(values[key] > (Half)0, $"kept key {key} has no attention");
                else Assert.Equal((Half)0, values[key]);
            Assert.InRange(values.Sum(v => (float)v), 0.99f, 1.01f);
        }
    }

    [Fact]
    public async Task AContextOfAnotherModelIsAFailedPrecondition()
    {
        var (store, id) = await Compressed();
        var (_, data) = await store.GetAsync(id, CancellationToken.None);
        using var context = ContextCodec.Deserialize(data);
        using var foreign = new CompressedContext(context.Info with { ModelId = "llava-1.5-7b" }, context.Layers);
        store.Put("foreign", ContextCodec.Serialize(foreign, ContextStorage.F16));
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "built by model 'llava-1.5-7b'",
                                   () => Ask(store, Question("foreign")));
    }

    [Fact]
    public async Task ADamagedContextIsDataLoss()
    {
        var (store, id) = await Compressed();
        var (_, data) = await store.GetAsync(id, CancellationToken.None);
        data = (byte[])data.Clone();
        data[^40] ^= 0xFF;
        store.Put("damaged", data);
        await RpcAssert.FailsAsync(StatusCode.DataLoss, "checksum", () => Ask(store, Question("damaged")));
    }

    [Fact]
    public async Task AQuestionPastTheContextWindowIsRefusedBeforeAnyToken()
    {
        var (store, id) = await Compressed();
        var writer = new FakeServerStreamWriter<GenerateEvent>();
        RpcAssert.InvalidArgument("sampling.max_tokens", () => decoder.Ask(store).RunAsync(Question(id, 240), writer, System.Diagnostics.Stopwatch.StartNew(), CancellationToken.None).GetAwaiter().GetResult());
        Assert.Empty(writer.Messages);
    }
}
