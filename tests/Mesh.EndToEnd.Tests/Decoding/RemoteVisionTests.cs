using Mesh.TestKit;
using Google.Protobuf;
using Grpc.Core;
using Mesh.Contracts.Decoder.V1;
using Mesh.Contracts.Vision.V1;

namespace Mesh.EndToEnd.Tests.Decoding;

/// <summary>The decoder encoding images through the vision-encoder service: image bytes and cache keys.</summary>
public sealed class RemoteVisionTests(LocalMesh mesh) : IClassFixture<LocalMesh>
{
    static GenerateRequest Request() => new()
    {
        Prompt = new Prompt { Text = TinyLlava.Prompt, Verbatim = true },
        Sampling = new SamplingParams { MaxTokens = 12 },
    };

    static async Task<int[]> Tokens(Mesh.Contracts.Decoder.V1.Decoder.DecoderClient client, GenerateRequest request)
    {
        using var call = client.Generate(request);
        var ids = new List<int>();
        await foreach (var e in call.ResponseStream.ReadAllAsync())
            if (e.EventCase == GenerateEvent.EventOneofCase.Token) ids.Add(e.Token.Id);
        return [.. ids];
    }

    [Fact]
    public async Task ImageBytesAndAnEmbeddingKeyBothGiveTheReferenceIds()
    {
        var decoder = new Mesh.Contracts.Decoder.V1.Decoder.DecoderClient(mesh.Decoders[0].Channel);
        var image = ByteString.CopyFrom(await File.ReadAllBytesAsync(TinyLlava.ImagePath));
        var byBytes = Request();
        byBytes.ImageBytes = image;
        Assert.Equal(TinyLlava.GeneratedIds, await Tokens(decoder, byBytes));

        var vision = new Mesh.Contracts.Vision.V1.VisionEncoder.VisionEncoderClient(mesh.Vision.Channel);
        using var encode = vision.Encode(new EncodeRequest { Image = image, ReferenceOnly = true });
        string key = "";
        await foreach (var part in encode.ResponseStream.ReadAllAsync())
            if (part.PartCase == EncodeResponse.PartOneofCase.Header) key = part.Header.EmbeddingKey;
        var byKey = Request();
        byKey.EmbeddingKey = key;
        Assert.Equal(TinyLlava.GeneratedIds, await Tokens(decoder, byKey));
    }
}
