using System.Diagnostics;
using Mesh.Core.Nn;
using static TorchSharp.torch;

namespace Mesh.Core.Decoding;

/// <summary>
/// One request's generation a token at a time: <see cref="Prefill"/> runs the prompt into the cache and chooses the
/// first token, each <see cref="Next"/> feeds the last token back and chooses another, until a stop token,
/// <see cref="GenerationOptions.MaxNewTokens"/> or the cache's capacity ends it (<see cref="Done"/>). Every token goes
/// to <c>onToken</c> as it is chosen. <see cref="Generation.Continue"/> runs it to the end; stepping it lets a caller
/// interleave several runs.
/// </summary>
public sealed class TokenLoop(LlamaForCausalLM model, KvCache cache, GenerationOptions options, IForwardHooks? hooks = null,
                              Action<GeneratedToken>? onToken = null)
{
    readonly TokenSampler _sampler = new(options.Sampling);
    readonly List<int> _tokens = [];
    readonly Stopwatch _clock = new();
    TimeSpan _prefillTime;
    int _promptTokens = -1;
    StopCause? _stop;

    /// <summary>Whether generation has ended; <see cref="Result"/> is then complete.</summary>
    public bool Done => _stop is not null;

    /// <summary>Runs prompt embeddings [1, T, hidden] at the cache's next positions and chooses the first token.</summary>
    public void Prefill(Tensor inputsEmbeds)
    {
        if (_promptTokens >= 0) throw new InvalidOperationException("the prompt was already run");
        _promptTokens = (int)inputsEmbeds.shape[1];
        _clock.Start();
        var logits = Generation.Prefill(model, inputsEmbeds, cache, hooks, options.Path);
        _prefillTime = _clock.Elapsed;
        Choose(logits);
    }

    /// <summary>Feeds the last token back and chooses the next one.</summary>
    public void Next()
    {
        if (_promptTokens < 0 || Done) throw new InvalidOperationException(Done ? "generation has ended" : "the prompt has not run yet");
        Choose(Generation.DecodeOne(model, _tokens[^1], cache, hooks, options.Path));
    }

    /// <summary>The tokens and why generation ended; read once <see cref="Done"/>.</summary>
    public GenerationResult Result => Done
        ? new(_tokens.ToArray(), _stop!.Value, _promptTokens, _prefillTime, _clock.Elapsed - _prefillTime)
        : throw new InvalidOperationException("generation has not ended");

    void Choose(float[] logits)
    {
        var (token, logprob) = _sampler.Next(logits);
        _tokens.Add(token);
        onToken?.Invoke(new GeneratedToken(_tokens.Count - 1, token, logprob, cache.NextPosition, logits));
        if (options.StopTokenIds.Contains(token)) _stop = StopCause.StopToken;
        else if (_tokens.Count >= options.MaxNewTokens) _stop = StopCause.MaxTokens;
        else if (cache.Length >= cache.Capacity) _stop = StopCause.ContextFull;
    }
}
