using System.CommandLine;
using Google.Protobuf;
using Grpc.Net.Client;
using Mesh.Cli.Client;
using Mesh.Clients;
using Mesh.Contracts.Segmentation.V1;
using Mesh.Localization;
using Mesh.Localization.Semantic;
using Mesh.Localization.Shapes;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>mesh segment IMAGE [--objects a,b]</c>: object masks with their areas and boxes, segmented here (the Shapes scene
/// segmenter, or an ONNX model with <c>--model</c> and <c>--labels</c>) or, with <c>--server</c>, by the segmentation
/// service; <c>--masks-out DIR</c> writes each mask as a PNG.
/// </summary>
public static class SegmentCommand
{
    public static Command Create()
    {
        var image = new Argument<FileInfo>("image") { Description = "Image file (PNG, JPEG, GIF, BMP, WebP or TIFF)" };
        var objects = new Option<string?>("--objects") { Description = "Comma-separated object names (default: every object found)" };
        var model = new Option<FileInfo?>("--model") { Description = "An ONNX semantic-segmentation model (default: the Shapes scene segmenter)" };
        var labels = new Option<FileInfo?>("--labels") { Description = "The model's class names, one per line (with --model)" };
        var masksOut = new Option<DirectoryInfo?>("--masks-out") { Description = "Write each mask as a black-and-white PNG into this directory" };
        var server = AddressOption.Optional("--server", "Ask the segmentation service at this address (e.g. the gateway, http://127.0.0.1:5000) instead of segmenting here");
        var apiKey = new Option<string?>("--api-key") { Description = "API key for the gateway (default: MESH_API_KEY)" };
        var command = new Command("segment", "Object masks of an image: names, scores, areas, boxes; optionally as PNGs")
            { image, objects, model, labels, masksOut, server, apiKey };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(image)!;
            string[] names = parse.GetValue(objects)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            return await CliErrors.RunAsync(async () =>
            {
                byte[] bytes = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
                var result = parse.GetValue(server) is { } address
                    ? await Remote(address, parse.GetValue(apiKey), bytes, names, cancellationToken)
                    : Local(bytes, names, parse.GetValue(model), parse.GetValue(labels));
                SegmentReport.Print(file.Name, result, parse.GetValue(masksOut));
                return 0;
            }, parse.GetValue(server) is { } address ? ServiceTarget.Server("segmentation service", address, "segment here") : null);
        });
        return command;
    }

    static SegmentationResult Local(byte[] image, string[] names, FileInfo? model, FileInfo? labels)
    {
        if (model is null) return new SceneSegmenter().Segment(image, names);
        if (labels is null) throw new ArgumentException("--model needs --labels: the model's class names, one per line in class-index order");
        using var segmenter = new OnnxSegmenter(model.FullName, SegmentationLabels.Load(labels.FullName));
        return segmenter.Segment(image, names);
    }

    static async Task<SegmentationResult> Remote(string address, string? apiKey, byte[] image, string[] names, CancellationToken cancellationToken)
    {
        using var channel = GrpcChannel.ForAddress(address);
        var request = new SegmentRequest { Image = ByteString.CopyFrom(image), ObjectNames = { names } };
        var response = await new Segmentation.SegmentationClient(channel).SegmentAsync(request, ApiKey.Headers(apiKey), cancellationToken: cancellationToken);
        return new SegmentationResult(response.ImageHeight, response.ImageWidth,
            [.. response.Objects.Select(o => new SegmentedObject(o.Name, RowMajorRle.Decode(o.Mask.Height, o.Mask.Width, o.Mask.Counts), o.Score))]);
    }
}
