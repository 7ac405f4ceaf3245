using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Decoding;
using Mesh.Core.Interp;
using Mesh.Core.Loading;
using Mesh.Decoder.Model;
using Mesh.ServiceDefaults.Grpc;
using Microsoft.Extensions.Options;
using Proto = Mesh.Contracts.Decoder.V1;

namespace Mesh.Decoder.Streaming;

/// <summary>
/// Turns a <see cref="GenerateRequest"/> into a <see cref="GenerateJob"/>, refusing bad input with
/// INVALID_ARGUMENT naming the field and what is allowed (docs/design.md section 7).
/// </summary>
public sealed class RequestMapper(DecoderModel model, IOptions<DecoderOptions> options, IOptions<ImageLimitsOptions> images)
{
    public GenerateJob Map(GenerateRequest request)
    {
        var vlm = model.Model;
        if (request.Prompt is null || string.IsNullOrWhiteSpace(request.Prompt.Text))
            RpcErrors.InvalidArgument("prompt.text", "the prompt text is empty; send an instruction such as \"describe the image\"");
        bool hasImage = request.ImageCase != GenerateRequest.ImageOneofCase.None;
        if (request.ImageBytes is { Length: > 0 } bytes && bytes.Length > images.Value.MaxBytes)
            RpcErrors.InvalidArgument("image_bytes", $"the image is {bytes.Length} bytes; at most {images.Value.MaxBytes} are accepted (ImageLimits:MaxBytes)");
        if (hasImage && !vlm.Config.IsMultimodal)
            RpcErrors.InvalidArgument("image", "this model takes no image; send a text-only prompt");

        var layout = BuildLayout(vlm, request.Prompt!, hasImage);
        if (layout.HasImage && !hasImage)
            RpcErrors.InvalidArgument("image", $"the prompt holds {VisionLanguageModel.ImageMarker} but no image_bytes or embedding_key was sent");
        if (hasImage && !layout.HasImage)
            RpcErrors.InvalidArgument("prompt.text", $"an image was sent but the verbatim prompt has no {VisionLanguageModel.ImageMarker} marking where it goes");

        var generation = SamplingMapper.Map(request.Sampling, vlm, options.Value, layout.Length);
        var groups = TokenGroups.From(layout);
        var interp = new InterpOptions
        {
            Knockout = InterpMapper.Knockout(request.Knockout),
            Trace = InterpMapper.Trace(request.Trace),
            Selection = InterpMapper.Selection(request.Selection),
        };
        try
        {
            interp.Validate(groups, vlm.Config.Text.NumHiddenLayers, layout.Length + generation.MaxNewTokens);
        }
        catch (ArgumentException e)
        {
            RpcErrors.InvalidArgument(FieldOf(request), e.Message);
        }
        return new GenerateJob(layout, hasImage ? request.ImageBytes : null, hasImage ? NullIfEmpty(request.EmbeddingKey) : null,
                               generation, interp, ImageGrid.For(layout.ImageTokenCount));
    }

    static Mesh.Core.Prompting.PromptLayout BuildLayout(VisionLanguageModel vlm, Proto.Prompt prompt, bool hasImage)
    {
        try
        {
            return prompt.Verbatim ? vlm.BuildVerbatimPrompt(prompt.Text) : vlm.BuildPrompt(prompt.Text, hasImage);
        }
        catch (ArgumentException e)
        {
            throw RpcErrors.InvalidArgumentException("prompt.text", e.Message);
        }
    }

    static string FieldOf(GenerateRequest request) =>
        request.Selection is { Method: not (Proto.SelectionMethod.Unspecified or Proto.SelectionMethod.None) } ? "knockout / trace / selection"
        : request.Knockout is { Edges.Count: > 0 } ? "knockout / trace" : "trace";

    static string? NullIfEmpty(string text) => string.IsNullOrEmpty(text) ? null : text;
}
