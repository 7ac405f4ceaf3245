using System.ComponentModel.DataAnnotations;

namespace Mesh.Judging.Llm;

/// <summary>
/// Where the LLM judge sends its prompt: an OpenAI-compatible chat completions endpoint, and how hard it tries.
/// Bound from <c>Judge:Llm</c> in the judge service (environment: <c>Judge__Llm__Endpoint</c>, <c>Judge__Llm__ApiKey</c> ...).
/// </summary>
public sealed record LlmJudgeOptions
{
    /// <summary>
    /// Base URL of the API, the part before <c>/chat/completions</c> (for example <c>https://host/v1</c>).
    /// Unset: the LLM judge is not available and asking for it gives INVALID_ARGUMENT.
    /// </summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Bearer key sent as <c>Authorization</c>; unset for endpoints that need none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Model name sent with each request (for example <c>gpt-4o</c>, the paper's judge).</summary>
    public string? Model { get; init; }

    /// <summary>Sampling temperature; default 0 so that the same pair gets the same verdict as far as the model allows.</summary>
    [Range(0.0, 2.0)]
    public double Temperature { get; init; }

    /// <summary>Retries after a failed attempt (connection error, timeout, 408, 429 or 5xx). Default 3.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; init; } = 3;

    /// <summary>Delay before the first retry; later ones back off exponentially with jitter. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest one attempt may take (a reasoning reply is slow). Default 60 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest one comparison may take, retries included. Default 3 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Whether an endpoint and a model are set, so that the LLM judge can run.</summary>
    public bool IsConfigured => Endpoint is not null && !string.IsNullOrWhiteSpace(Model);
}
