using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Decoding;
using Mesh.Core.Loading;
using Mesh.ServiceDefaults.Grpc;

namespace Mesh.Decoder.Mapping;

/// <summary>Sampling parameters and limits: max tokens against the service limit and the context window.</summary>
internal static class SamplingMapper
{
    /// <param name="promptField">The field blamed when the prompt alone fills the context window.</param>
    public static GenerationOptions Map(SamplingParams? sampling, VisionLanguageModel vlm, DecoderOptions options, int promptTokens,
                                        string promptField = "prompt.text")
    {
        sampling ??= new SamplingParams();
        int window = vlm.Config.Text.MaxPositionEmbeddings;
        if (promptTokens >= window)
            RpcErrors.InvalidArgument(promptField, $"the prompt is {promptTokens} tokens; the model's context window is {window}");
        int maxTokens = sampling.MaxTokens == 0 ? Math.Min(options.DefaultMaxTokens, window - promptTokens) : sampling.MaxTokens;
        if (maxTokens < 1 || maxTokens > options.MaxTokensLimit)
            RpcErrors.InvalidArgument("sampling.max_tokens", $"max_tokens is {sampling.MaxTokens}; allowed 1..{options.MaxTokensLimit} (0 = default {options.DefaultMaxTokens})");
        if (promptTokens + maxTokens > window)
            RpcErrors.InvalidArgument("sampling.max_tokens",
                $"{promptTokens} prompt tokens + max_tokens {maxTokens} exceed the model's context window of {window}; ask for at most {window - promptTokens}");
        int vocab = vlm.Config.Text.VocabSize;
        foreach (int id in sampling.StopTokenIds)
            if (id < 0 || id >= vocab) RpcErrors.InvalidArgument("sampling.stop_token_ids", $"stop token {id} is outside the vocabulary 0..{vocab - 1}");
        var choice = Fields.Map("sampling.temperature", () => new SamplingOptions { Temperature = sampling.Temperature, Seed = sampling.Seed });
        if (sampling.HasTopP) choice = Fields.Map("sampling.top_p", () => choice with { TopP = sampling.TopP });
        return new GenerationOptions
        {
            MaxNewTokens = maxTokens,
            StopTokenIds = vlm.StopTokenIds.Concat(sampling.StopTokenIds).ToHashSet(),
            Sampling = choice,
        };
    }
}
