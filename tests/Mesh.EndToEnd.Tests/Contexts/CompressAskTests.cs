using Mesh.TestKit;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Decoder.V1;
using Proto = Mesh.Contracts.Decoder.V1;

namespace Mesh.EndToEnd.Tests.Contexts;

/// <summary>Compress and Ask through the gateway, the context kept in the context-store service.</summary>
public sealed class CompressAskTests(LocalMesh mesh) : IClassFixture<LocalMesh>, IDisposable
{
    const string Question = "12 190 77 301";
    readonly GrpcChannel _channel = GrpcChannel.ForAddress($"http://{mesh.Address}");
    Proto.Decoder.DecoderClient Client => new(_channel);

    public void Dispose() => _channel.Dispose();

    static async Task<int[]> Tokens(AsyncServerStreamingCall<GenerateEvent> call)
    {
        var ids = new List<int>();
        await foreach (var e in call.ResponseStream.ReadAllAsync())
            if (e.EventCase == GenerateEvent.EventOneofCase.Token) ids.Add(e.Token.Id);
        return [.. ids];
    }

    static CompressRequest FixtureCompress(double k, Proto.ContextParts parts = Proto.ContextParts.Unspecified) => new()
    {
        ImageBytes = ByteString.CopyFrom(TinyLlava.Image), Prompt = new Proto.Prompt { Text = TinyLlava.Prompt, Verbatim = true },
        Sampling = new SamplingParams { MaxTokens = 4 }, Selection = new TokenSelection { Method = Proto.SelectionMethod.Attention, K = k },
        Parts = parts,
    };

    async Task<int[]> AskFixtureQuestion(string contextId, int maxTokens) =>
        await Tokens(Client.Ask(new AskRequest
        {
            ContextId = contextId, Question = new Proto.Prompt { Text = Question, Verbatim = true }, Sampling = new SamplingParams { MaxTokens = maxTokens },
        }));

    [Fact]
    public async Task AnAnswerFromAFullContextEqualsTheAnswerWithTheImageInThePrompt()
    {
        var request = FixtureCompress(1.0);
        request.StorageDtype = DType.F32;
        var compressed = await Client.CompressAsync(request);
        Assert.Equal((26, 26, 16, 16), (compressed.TokensKept, compressed.TokensFull, compressed.ImageTokensKept, compressed.ImageTokensFull));
        Assert.Equal("76 117 341 153", compressed.Description);

        int[] fromContext = await AskFixtureQuestion(compressed.ContextId, 6);
        int[] withImage = await Tokens(Client.Generate(new GenerateRequest
        {
            ImageBytes = request.ImageBytes, Prompt = new Proto.Prompt { Text = $"{TinyLlava.Prompt} {Question}", Verbatim = true },
            Sampling = new SamplingParams { MaxTokens = 6 },
        }));
        Assert.Equal(withImage, fromContext);
    }

    [Fact]
    public async Task ASmallContextIsSmallerAndStillAnswers()
    {
        var request = FixtureCompress(0.25);
        request.StorageDtype = DType.Int8;
        var compressed = await Client.CompressAsync(request);
        Assert.Equal((14, 4), (compressed.TokensKept, compressed.ImageTokensKept));
        Assert.True(compressed.StoredBytes < compressed.FullKvBytes, $"{compressed.StoredBytes} vs {compressed.FullKvBytes}");
        Assert.Equal(3, (await AskFixtureQuestion(compressed.ContextId, 3)).Length);
    }

    [Fact]
    public async Task AnImageOnlyContextKeepsTheFirstPositionAndTheTopKImageTokensAndAnswers()
    {
        var compressed = await Client.CompressAsync(FixtureCompress(0.25, Proto.ContextParts.ImageOnly));
        // BOS + floor(0.25 * 16) image tokens of the 26-position prompt; the 9 other query tokens are gone.
        Assert.Equal((5, 26, 4, 16), (compressed.TokensKept, compressed.TokensFull, compressed.ImageTokensKept, compressed.ImageTokensFull));
        var withQuery = await Client.CompressAsync(FixtureCompress(0.25, Proto.ContextParts.QueryAndImage));
        Assert.Equal((14, 4), (withQuery.TokensKept, withQuery.ImageTokensKept));
        Assert.True(compressed.StoredBytes < withQuery.StoredBytes, $"{compressed.StoredBytes} vs {withQuery.StoredBytes}");
        Assert.Equal(3, (await AskFixtureQuestion(compressed.ContextId, 3)).Length);
    }

    [Fact]
    public async Task AnAnswerCountsTheContextsPromptAndTheQuestionAsItsPromptTokens()
    {
        var compressed = await Client.CompressAsync(FixtureCompress(0.25));
        using var call = Client.Ask(new AskRequest
        {
            ContextId = compressed.ContextId, Question = new Proto.Prompt { Text = Question, Verbatim = true }, Sampling = new SamplingParams { MaxTokens = 2 },
        });
        var events = new List<GenerateEvent>();
        await foreach (var e in call.ResponseStream.ReadAllAsync()) events.Add(e);
        // The question's 4 tokens sit after the 26 positions of the fixture prompt, whatever the context kept of them.
        Assert.Equal((30, 30, 2), (events[0].Prompt.PromptTokens, events[^1].Summary.PromptTokens, events[^1].Summary.GeneratedTokens));
    }

    [Fact]
    public async Task KBelowOneImageTokenKeepsTheQueryAlone()
    {
        var compressed = await Client.CompressAsync(FixtureCompress(0.5 / 16));
        Assert.Equal((10, 0), (compressed.TokensKept, compressed.ImageTokensKept));   // 5 prefix + 5 instruction tokens
        Assert.Equal(3, (await AskFixtureQuestion(compressed.ContextId, 3)).Length);
    }

    [Fact]
    public async Task ContextPartsThatCannotBeBuiltAreRefusedNamingWhatIsAllowed()
    {
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "allowed: QUERY_AND_IMAGE (default), IMAGE_ONLY",
                                   () => Client.CompressAsync(FixtureCompress(0.25, (Proto.ContextParts)9)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "use k >= 1/16",
                                   () => Client.CompressAsync(FixtureCompress(0.05, Proto.ContextParts.ImageOnly)).ResponseAsync);
    }

    [Fact]
    public async Task AnUnknownContextIsNotFoundAndAMalformedIdInvalid()
    {
        var missing = await Assert.ThrowsAsync<RpcException>(() => Tokens(Client.Ask(new AskRequest
            { ContextId = new string('a', 32), Question = new Proto.Prompt { Text = Question, Verbatim = true } })));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        var malformed = await Assert.ThrowsAsync<RpcException>(() => Tokens(Client.Ask(new AskRequest
            { ContextId = "../../etc/passwd", Question = new Proto.Prompt { Text = Question, Verbatim = true } })));
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
    }
}
