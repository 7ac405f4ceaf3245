using Google.Protobuf;
using Grpc.Core;
using Mesh.Contracts.Segmentation.V1;
using Mesh.Localization.Tests.Semantic;
using Mesh.ServiceDefaults.Health;
using Mesh.Shapes.Scenes;
using Mesh.TestKit;
using Microsoft.Extensions.Options;

namespace Mesh.Segmentation.Tests.Model;

/// <summary>The ONNX backend through the service, and what happens when a segmenter cannot be loaded.</summary>
public sealed class SegmenterLoadingTests : IDisposable
{
    readonly string _directory = Directory.CreateTempSubdirectory("mesh-seg-host-").FullName;

    Dictionary<string, string?> Onnx(string modelPath)
    {
        string labels = Path.Combine(_directory, "labels.txt");
        File.WriteAllLines(labels, TinySegmentationModel.Labels);
        return new()
        {
            ["Segmentation:Backend"] = "Onnx", ["Segmentation:OnnxModelPath"] = modelPath, ["Segmentation:OnnxLabelsPath"] = labels,
            ["Segmentation:OnnxMean:0"] = "0", ["Segmentation:OnnxMean:1"] = "0", ["Segmentation:OnnxMean:2"] = "0",
            ["Segmentation:OnnxStd:0"] = "1", ["Segmentation:OnnxStd:1"] = "1", ["Segmentation:OnnxStd:2"] = "1",
        };
    }

    [Fact]
    public async Task TheOnnxBackendSegmentsWithItsLabels()
    {
        await using var host = await SegmentationHost.Start(Onnx(TinySegmentationModel.Write(_directory, size: null)));
        var rgb = new byte[8 * 8 * 3];
        for (int p = 0; p < 8 * 4; p++) rgb[3 * p] = 255; // the top half red
        var client = new Contracts.Segmentation.V1.Segmentation.SegmentationClient(host.Channel);
        var response = await client.SegmentAsync(new SegmentRequest { Image = ByteString.CopyFrom(Scene.EncodePng(rgb, 8, 8)), ObjectNames = { "red" } });
        var red = Assert.Single(response.Objects);
        Assert.Equal([0u, 32u, 32u], red.Mask.Counts);
        Assert.Equal(32, red.Area);
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "known: background, red, blue",
            () => client.SegmentAsync(new SegmentRequest { Image = ByteString.CopyFrom(Scene.EncodePng(rgb, 8, 8)), ObjectNames = { "circle" } }).ResponseAsync);
    }

    [Fact]
    public async Task AModelThatCannotLoadLeavesTheServiceUnreadyAndSegmentUnavailable()
    {
        await using var host = await SegmentationHost.Start(Onnx(Path.Combine(_directory, "missing.onnx")), waitUntilReady: false);
        var readiness = host.Get<ServiceReadiness>();
        await Polling.UntilAsync(() => readiness.Description.Contains("failed"), "loading has failed");
        Assert.False(readiness.IsReady);
        var client = new Contracts.Segmentation.V1.Segmentation.SegmentationClient(host.Channel);
        var image = ByteString.CopyFrom(new SceneGenerator().Generate(1).EncodePng());
        await RpcAssert.FailsAsync(StatusCode.Unavailable, $"the segmentation service is not ready: loading ONNX model {Path.Combine(_directory, "missing.onnx")}",
                                   () => client.SegmentAsync(new SegmentRequest { Image = image }).ResponseAsync);
    }

    [Fact]
    public async Task TheOnnxBackendWithoutAModelStopsTheStart()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            SegmentationHost.Start(new Dictionary<string, string?> { ["Segmentation:Backend"] = "Onnx" }));
        Assert.Contains("OnnxModelPath", error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
