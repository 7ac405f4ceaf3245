using Google.Protobuf;
using Grpc.Core;
using Mesh.Contracts.Segmentation.V1;
using Mesh.Shapes.Scenes;
using Mesh.Localization;
using Mesh.TestKit;

namespace Mesh.Segmentation.Tests.Grpc;

/// <summary>Segment with the scene segmenter through gRPC: masks against the generator's exact ones, and every refusal.</summary>
public sealed class SegmentTests(SegmentationHost host) : IClassFixture<SegmentationHost>
{
    static readonly SceneGenerator Generator = new();

    static SegmentRequest Request(Scene scene, params string[] names) =>
        new() { Image = ByteString.CopyFrom(scene.EncodePng()), ObjectNames = { names } };

    [Fact]
    public async Task EveryObjectComesBackAsARowMajorRleMaskEqualToTheExactOne()
    {
        for (int index = 0; index < 10; index++)
        {
            var scene = Generator.Scene(SceneSplit.Test, index);
            var response = await host.Client.SegmentAsync(Request(scene));
            Assert.Equal((64, 64), (response.ImageHeight, response.ImageWidth));
            Assert.Equal(scene.Objects.Select(o => o.Kind.Word()).Order(), response.Objects.Select(o => o.Name).Order());
            foreach (var found in response.Objects)
            {
                var mask = RowMajorRle.Decode(found.Mask.Height, found.Mask.Width, found.Mask.Counts);
                Assert.Equal(mask.Area, found.Area);
                Assert.InRange(found.Score, 0.8f, 1f);
                Assert.Contains(scene.Objects, truth => truth.Kind.Word() == found.Name && truth.Mask.Pixels.SequenceEqual(mask.Pixels));
            }
        }
    }

    [Fact]
    public async Task RequestedNamesSelectObjects()
    {
        var scene = Generator.Scene(SceneSplit.Test, 1);
        string name = scene.Objects[^1].Kind.Word();
        var response = await host.Client.SegmentAsync(Request(scene, name));
        Assert.Equal(scene.Objects.Count(o => o.Kind.Word() == name), response.Objects.Count);
        Assert.All(response.Objects, o => Assert.Equal(name, o.Name));
    }

    [Fact]
    public Task AnUnknownNameIsRefusedListingTheKnownOnes() =>
        RpcAssert.FailsAsync(StatusCode.InvalidArgument, "known: circle, square",
            () => host.Client.SegmentAsync(Request(Generator.Scene(SceneSplit.Test, 0), "giraffe")).ResponseAsync);

    [Fact]
    public Task ABlankNameIsRefused() =>
        RpcAssert.FailsAsync(StatusCode.InvalidArgument, "object name is empty",
            () => host.Client.SegmentAsync(Request(Generator.Scene(SceneSplit.Test, 0), "circle", " ")).ResponseAsync);

    [Theory]
    [InlineData("empty", "the image is empty")]
    [InlineData("garbage", "send PNG, JPEG")]
    [InlineData("oversized", "at most 65536")]
    public Task BadImagesAreRefused(string what, string message)
    {
        var image = what switch
        {
            "empty" => ByteString.Empty,
            "garbage" => ByteString.CopyFromUtf8("\x89PNG but not really"),
            _ => ByteString.CopyFrom(new byte[70_000]),
        };
        return RpcAssert.FailsAsync(StatusCode.InvalidArgument, message, () => host.Client.SegmentAsync(new SegmentRequest { Image = image }).ResponseAsync);
    }
}
