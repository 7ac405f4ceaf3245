using Google.Protobuf.Collections;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Decoder.V1;
using Mesh.ServiceDefaults.Grpc;

namespace Mesh.Decoder.Mapping;

/// <summary>
/// The hard caps of <see cref="DecoderOptions"/>, checked on lengths and counts alone before a request queues, so
/// nothing that grows with a request (tokenizing, scanning knockouts) runs for one over them (docs/design.md section 7).
/// </summary>
internal static class RequestCaps
{
    public static void Check(GenerateRequest request, DecoderOptions options)
    {
        Text(request.Prompt?.Text, "prompt.text", options);
        StopIds(request.Sampling, options);
        if (request.Knockout is { } knockout)
        {
            if (knockout.Edges.Count > options.MaxKnockoutEdges)
                RpcErrors.InvalidArgument("knockout.edges",
                    $"the knockout has {knockout.Edges.Count} edges; at most {options.MaxKnockoutEdges} are accepted (Decoder:MaxKnockoutEdges)");
            Layers(knockout.Layers, "knockout.layers", options);
        }
        Layers(request.Trace?.Layers, "trace.layers", options);
    }

    public static void Check(CompressRequest request, DecoderOptions options)
    {
        Text(request.Prompt?.Text, "prompt.text", options);
        StopIds(request.Sampling, options);
    }

    public static void Check(AskRequest request, DecoderOptions options)
    {
        Text(request.Question?.Text, "question.text", options);
        StopIds(request.Sampling, options);
        Layers(request.Trace?.Layers, "trace.layers", options);
    }

    static void Text(string? text, string field, DecoderOptions options)
    {
        if (text is { Length: var length } && length > options.MaxPromptChars)
            RpcErrors.InvalidArgument(field, $"the text is {length} characters; at most {options.MaxPromptChars} are accepted (Decoder:MaxPromptChars)");
    }

    static void StopIds(SamplingParams? sampling, DecoderOptions options)
    {
        if (sampling is not null && sampling.StopTokenIds.Count > options.MaxStopTokenIds)
            RpcErrors.InvalidArgument("sampling.stop_token_ids",
                $"{sampling.StopTokenIds.Count} stop token ids were sent; at most {options.MaxStopTokenIds} are accepted (Decoder:MaxStopTokenIds)");
    }

    static void Layers(LayerSet? set, string field, DecoderOptions options)
    {
        if (set is null) return;
        Count(set.Layers?.Layers, $"{field}.layers");
        Count(set.Ranges?.Ranges, $"{field}.ranges");

        void Count<T>(RepeatedField<T>? entries, string path)
        {
            if (entries is not null && entries.Count > options.MaxLayerEntries)
                RpcErrors.InvalidArgument(path, $"the layer set has {entries.Count} entries; at most {options.MaxLayerEntries} are accepted (Decoder:MaxLayerEntries)");
        }
    }
}
