using Mesh.Core.Nn;
using static TorchSharp.torch;

namespace Mesh.Core.Decoding;

/// <summary>One generated token as it is streamed: the row that predicted it was at <see cref="Position"/> - 1.</summary>
public readonly record struct GeneratedToken(int Index, int TokenId, float Logprob, long Position, float[] Logits);

/// <summary>Why generation ended.</summary>
public enum StopCause { MaxTokens, StopToken, ContextFull }

public sealed record GenerationResult(int[] TokenIds, StopCause StopCause, int PromptTokens, TimeSpan PrefillTime, TimeSpan DecodeTime);

/// <summary>
/// Autoregressive generation as two named steps: <see cref="Prefill"/> runs the prompt and fills the
/// request's cache; <see cref="DecodeOne"/> feeds one token back. Each step is one synchronous dispose
/// scope whose result leaves as a managed array.
/// </summary>
public static class Generation
{
    /// <summary>Prompt embeddings [1, T, hidden] at positions 0..T-1 -> logits of the last row.</summary>
    public static float[] Prefill(LlamaForCausalLM model, Tensor inputsEmbeds, KvCache cache,
                                  IForwardHooks? hooks = null, AttentionPath path = AttentionPath.Auto)
    {
        long start = cache.NextPosition;
        var positions = Enumerable.Range(0, (int)inputsEmbeds.shape[1]).Select(i => start + i).ToArray();
        return Step(model, inputsEmbeds, positions, cache, StepPhase.Prefill, hooks, path);
    }

    /// <summary>Feeds <paramref name="tokenId"/> back at the cache's next position -> logits of that row.</summary>
    public static float[] DecodeOne(LlamaForCausalLM model, int tokenId, KvCache cache,
                                    IForwardHooks? hooks = null, AttentionPath path = AttentionPath.Auto)
    {
        using var scope = NewDisposeScope();
        using var ids = tensor(new long[] { tokenId }, device: model.Device).view(1, 1);
        var embeds = model.Embed(ids);
        return Step(model, embeds, [cache.NextPosition], cache, StepPhase.Decode, hooks, path);
    }

    static float[] Step(LlamaForCausalLM model, Tensor embeds, long[] positions, KvCache cache, StepPhase phase,
                        IForwardHooks? hooks, AttentionPath path)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = model.Forward(embeds, positions, cache, phase, hooks, path);  // [1, 1, vocab]
        return logits.to(float32).cpu().data<float>().ToArray();
    }

    /// <summary>
    /// Prefill, then decode until a stop token, <see cref="GenerationOptions.MaxNewTokens"/> or the cache's
    /// capacity; every token goes to <paramref name="onToken"/> as it is chosen. Cancellation is checked
    /// before every decode step.
    /// </summary>
    public static GenerationResult Generate(LlamaForCausalLM model, Tensor inputsEmbeds, GenerationOptions options,
                                            IForwardHooks? hooks = null, Action<GeneratedToken>? onToken = null,
                                            CancellationToken cancellationToken = default)
    {
        int promptTokens = (int)inputsEmbeds.shape[1];
        using var cache = model.NewCache(promptTokens + options.MaxNewTokens);
        return Continue(model, inputsEmbeds, cache, options, hooks, onToken, cancellationToken);
    }

    /// <summary>As <see cref="Generate"/>, appending to an existing <paramref name="cache"/> (a stored context, say).</summary>
    public static GenerationResult Continue(LlamaForCausalLM model, Tensor inputsEmbeds, KvCache cache, GenerationOptions options,
                                            IForwardHooks? hooks = null, Action<GeneratedToken>? onToken = null,
                                            CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var loop = new TokenLoop(model, cache, options, hooks, onToken);
        loop.Prefill(inputsEmbeds);
        while (!loop.Done)
        {
            cancellationToken.ThrowIfCancellationRequested();
            loop.Next();
        }
        return loop.Result;
    }
}
