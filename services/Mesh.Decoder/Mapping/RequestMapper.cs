using Google.Protobuf;
using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Interp;
using Mesh.Core.Interp.Contexts;
using Mesh.Core.Loading;
using Mesh.Core.Prompting;
using Mesh.Decoder.Contexts;
using Mesh.Decoder.Model;
using Mesh.Decoder.Streaming;
using Mesh.ServiceDefaults.Grpc;
using Microsoft.Extensions.Options;

namespace Mesh.Decoder.Mapping;

/// <summary>
/// The one place a decoder request is checked: Generate, Compress and Ask become jobs of domain values that
/// are valid by construction and fitted to the model, bad input refused with INVALID_ARGUMENT naming the field
/// and what is allowed (docs/design.md section 7). Nothing below re-checks them. <c>Admit</c> checks the hard
/// caps on lengths and counts alone, before the request queues; <c>Map</c> does the work that grows with the
/// request, inside its queue slot, and stops when the call is cancelled.
/// </summary>
public sealed class RequestMapper(DecoderModel model, IOptions<DecoderOptions> options, IOptions<ImageLimitsOptions> images)
{
    public void Admit(GenerateRequest request) => RequestCaps.Check(request, options.Value);

    public void Admit(CompressRequest request) => RequestCaps.Check(request, options.Value);

    public void Admit(AskRequest request) => RequestCaps.Check(request, options.Value);

    public GenerateJob Map(GenerateRequest request, CancellationToken cancellationToken = default)
    {
        var vlm = model.Model;
        cancellationToken.ThrowIfCancellationRequested();
        var image = Image(request.ImageCase == GenerateRequest.ImageOneofCase.ImageBytes ? request.ImageBytes : null,
                          request.ImageCase == GenerateRequest.ImageOneofCase.EmbeddingKey ? request.EmbeddingKey : null);
        var layout = Layout(vlm, request.Prompt, image is not null);
        cancellationToken.ThrowIfCancellationRequested();
        var generation = SamplingMapper.Map(request.Sampling, vlm, options.Value, layout.Length);
        var interp = Fields.Fit(() => InterpOptions.For(TokenGroups.From(layout), vlm.Config.Text.NumHiddenLayers, layout.Length + generation.MaxNewTokens,
                                                        InterpMapper.Knockout(request.Knockout), InterpMapper.Trace(request.Trace),
                                                        InterpMapper.Selection(request.Selection)));
        return new GenerateJob(layout, image, generation, interp, ImageGrid.For(layout.ImageTokenCount));
    }

    public CompressJob Map(CompressRequest request, CancellationToken cancellationToken = default)
    {
        var vlm = model.Model;
        cancellationToken.ThrowIfCancellationRequested();
        var selection = InterpMapper.Selection(request.Selection)
            ?? throw RpcErrors.InvalidArgumentException("selection.method", "Compress needs a selection method: ATTENTION, RANDOM, NORM or FASTV");
        var image = Image(request.ImageCase == CompressRequest.ImageOneofCase.ImageBytes ? request.ImageBytes : null,
                          request.ImageCase == CompressRequest.ImageOneofCase.EmbeddingKey ? request.EmbeddingKey : null)
            ?? throw RpcErrors.InvalidArgumentException("image", "Compress needs an image (image_bytes or embedding_key) and a prompt that holds it");
        var layout = Layout(vlm, request.Prompt, hasImage: true);
        cancellationToken.ThrowIfCancellationRequested();
        var generation = SamplingMapper.Map(request.Sampling, vlm, options.Value, layout.Length);
        var contents = ContextMapper.Contents(request.Parts);
        var recipe = Fields.Fit(() => ContextRecipe.For(TokenGroups.From(layout), vlm.Config.Text.NumHiddenLayers, selection, contents));
        return new CompressJob(layout, request.Prompt.Text, image, generation, recipe, ContextMapper.Storage(request.StorageDtype),
                               ContextMapper.StorageDType(request.StorageDtype), request.Ttl?.ToTimeSpan());
    }

    /// <summary>Ask's checks that need no stored context; returns the id of the context to fetch.</summary>
    public string ContextId(AskRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.ContextId)) RpcErrors.InvalidArgument("context_id", "context_id is empty; send the id Compress returned");
        if (request.Question is null || string.IsNullOrWhiteSpace(request.Question.Text)) RpcErrors.InvalidArgument("question.text", "the question is empty");
        return request.ContextId;
    }

    /// <summary>The rest of an Ask, against the stored context it answers from (after <see cref="ContextId"/>).</summary>
    public AskJob Map(AskRequest request, ContextInfo context)
    {
        var vlm = model.Model;
        long[] question = Fields.Map("question.text", () => request.Question.Verbatim
            ? [.. vlm.Tokenizer.Encode(request.Question.Text, addBos: false).Select(i => (long)i)]
            : ChatPrompts.FollowUp(vlm.Tokenizer, vlm.Template, request.Question.Text));
        if (question.Length == 0) RpcErrors.InvalidArgument("question.text", "the question holds no token");
        int promptTokens = context.PromptLength + question.Length;
        var generation = SamplingMapper.Map(request.Sampling, vlm, options.Value, promptTokens, "question.text");
        var interp = Fields.Fit(() => InterpOptions.For(context.Groups, vlm.Config.Text.NumHiddenLayers, promptTokens + generation.MaxNewTokens,
                                                        trace: InterpMapper.Trace(request.Trace)));
        return new AskJob(question, promptTokens, generation, interp.Trace, ImageGrid.For(context.ImageEnd - context.ImageStart));
    }

    /// <summary>The image a request sends, or null for none.</summary>
    ImageInput? Image(ByteString? bytes, string? embeddingKey)
    {
        if (bytes is null && embeddingKey is null) return null;
        if (!model.Model.Config.IsMultimodal) RpcErrors.InvalidArgument("image", "this model takes no image; send a text-only prompt");
        if (bytes is { } b && b.Length > images.Value.MaxBytes)
            RpcErrors.InvalidArgument("image_bytes", $"the image is {b.Length} bytes; at most {images.Value.MaxBytes} are accepted (ImageLimits:MaxBytes)");
        if (embeddingKey is "") RpcErrors.InvalidArgument("embedding_key", "the embedding key is empty; send the key the vision encoder returned");
        return new ImageInput(bytes, embeddingKey);
    }

    static PromptLayout Layout(VisionLanguageModel vlm, Prompt? prompt, bool hasImage)
    {
        if (prompt is null || string.IsNullOrWhiteSpace(prompt.Text))
            RpcErrors.InvalidArgument("prompt.text", "the prompt text is empty; send an instruction such as \"describe the image\"");
        var layout = Fields.Map("prompt.text", () => prompt.Verbatim ? vlm.BuildVerbatimPrompt(prompt.Text) : vlm.BuildPrompt(prompt.Text, hasImage));
        if (layout.HasImage && !hasImage)
            RpcErrors.InvalidArgument("image", $"the prompt holds {VisionLanguageModel.ImageMarker} but no image_bytes or embedding_key was sent");
        if (hasImage && !layout.HasImage)
            RpcErrors.InvalidArgument("prompt.text", $"an image was sent but the verbatim prompt has no {VisionLanguageModel.ImageMarker} marking where it goes");
        return layout;
    }
}
