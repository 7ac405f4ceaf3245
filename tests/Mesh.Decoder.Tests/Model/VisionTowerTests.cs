using Mesh.Decoder.Model;
using Mesh.TestKit;

namespace Mesh.Decoder.Tests.Model;

/// <summary>With a vision-encoder service the decoder leaves its model's vision tower unloaded; without one it needs it.</summary>
public sealed class VisionTowerTests(DecoderHost host) : IClassFixture<DecoderHost>
{
    [Fact]
    public async Task AConfiguredVisionEncoderLeavesTheVisionTowerUnloaded()
    {
        await using var decoder = await DecoderHost.StartReadyAsync(new Dictionary<string, string?>
        {
            ["Decoder:ModelDirectory"] = TinyLlava.Directory,
            ["Decoder:VisionEncoderAddress"] = "http://127.0.0.1:9",
        });

        var model = decoder.Get<DecoderModel>().Model;

        Assert.Null(model.Vision);
        Assert.Null(model.Preprocessor);
        Assert.IsType<RemoteImageEmbeddings>(decoder.Get<IImageEmbeddings>());
    }

    [Fact]
    public void WithoutOneTheModelEncodesImagesItself()
    {
        Assert.NotNull(host.Host.Get<DecoderModel>().Model.Vision);
        Assert.IsType<LocalImageEmbeddings>(host.Host.Get<IImageEmbeddings>());
    }
}
