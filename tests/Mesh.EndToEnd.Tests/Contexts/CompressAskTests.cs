using Mesh.TestKit;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Decoder.V1;
using Proto = Mesh.Contracts.Decoder.V1;

namespace Mesh.EndToEnd.Tests.Contexts;

/// <summary>Compress and Ask through the gateway, the context kept in the context-store service.</summary>
public sealed class CompressAskTests(LocalMesh mesh) : IClassFixture<LocalMesh>
{
    const string Question = "12 190 77 301";

    static async Task<int[]> Tokens(AsyncServerStreamingCall<GenerateEvent> call)
    {
        var ids = new List<int>();
        await foreach (var e in call.ResponseStream.ReadAllAsync())
            if (e.EventCase == GenerateEvent.EventOneofCase.Token) ids.Add(e.Token.Id);
        return [.. ids];
    }

    [Fact]
    public async Task AnAnswerFromAFullContextEqualsTheAnswerWithTheImageInThePrompt()
    {
        using var channel = GrpcChannel.ForAddress($"http://{mesh.Address}");
        var client = new Proto.Decoder.DecoderClient(channel);
        var image = ByteString.CopyFrom(await File.ReadAllBytesAsync(TinyLlava.ImagePath));
        var compressed = await client.CompressAsync(new CompressRequest
        {
            ImageBytes = image, Prompt = new Proto.Prompt { Text = TinyLlava.Prompt, Verbatim = true },
            Sampling = new SamplingParams { MaxTokens = 4 }, StorageDtype = DType.F32,
            Selection = new TokenSelection { Method = Proto.SelectionMethod.Attention, K = 1.0 },
        });
        Assert.Equal((26, 26, 16, 16), (compressed.TokensKept, compressed.TokensFull, compressed.ImageTokensKept, compressed.ImageTokensFull));
        Assert.Equal("76 117 341 153", compressed.Description);

        int[] fromContext = await Tokens(client.Ask(new AskRequest
        {
            ContextId = compressed.ContextId, Question = new Proto.Prompt { Text = Question, Verbatim = true },
            Sampling = new SamplingParams { MaxTokens = 6 },
        }));
        int[] withImage = await Tokens(client.Generate(new GenerateRequest
        {
            ImageBytes = image, Prompt = new Proto.Prompt { Text = $"{TinyLlava.Prompt} {Question}", Verbatim = true },
            Sampling = new SamplingParams { MaxTokens = 6 },
        }));
        Assert.Equal(withImage, fromContext);
    }

    [Fact]
    public async Task ASmallContextIsSmallerAndStillAnswers()
    {
        using var channel = GrpcChannel.ForAddress($"http://{mesh.Address}");
        var client = new Proto.Decoder.DecoderClient(channel);
        var compressed = await client.CompressAsync(new CompressRequest
        {
            ImageBytes = ByteString.CopyFrom(await File.ReadAllBytesAsync(TinyLlava.ImagePath)),
            Prompt = new Proto.Prompt { Text = TinyLlava.Prompt, Verbatim = true }, Sampling = new SamplingParams { MaxTokens = 4 },
            Selection = new TokenSelection { Method = Proto.SelectionMethod.Attention, K = 0.25 }, StorageDtype = DType.Int8,
        });
        Assert.Equal((14, 4), (compressed.TokensKept, compressed.ImageTokensKept));
        Assert.True(compressed.StoredBytes < compressed.FullKvBytes, $"{compressed.StoredBytes} vs {compressed.FullKvBytes}");
        int[] answer = await Tokens(client.Ask(new AskRequest
        {
            ContextId = compressed.ContextId, Question = new Proto.Prompt { Text = Question, Verbatim = true }, Sampling = new SamplingParams { MaxTokens = 3 },
        }));
        Assert.Equal(3, answer.Length);
    }

    [Fact]
    public async Task AnUnknownContextIsNotFoundAndAMalformedIdInvalid()
    {
        using var channel = GrpcChannel.ForAddress($"http://{mesh.Address}");
        var client = new Proto.Decoder.DecoderClient(channel);
        var missing = await Assert.ThrowsAsync<RpcException>(() => Tokens(client.Ask(new AskRequest
            { ContextId = new string('a', 32), Question = new Proto.Prompt { Text = Question, Verbatim = true } })));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        var malformed = await Assert.ThrowsAsync<RpcException>(() => Tokens(client.Ask(new AskRequest
            { ContextId = "../../etc/passwd", Question = new Proto.Prompt { Text = Question, Verbatim = true } })));
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
    }
}
