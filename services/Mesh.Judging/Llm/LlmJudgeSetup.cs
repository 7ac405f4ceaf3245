using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Mesh.Judging.Llm;

/// <summary>
/// Registers the LLM judge: a named <see cref="HttpClient"/> whose resilience handler gives each comparison a total
/// timeout around retries (exponential back-off with jitter on connection errors, timeouts, 408, 429 and 5xx)
/// around a per-attempt timeout, all from <see cref="LlmJudgeOptions"/>. The judge service and the CLI both use it.
/// </summary>
public static class LlmJudgeSetup
{
    /// <summary>Name of the judge's <see cref="HttpClient"/>.</summary>
    public const string ClientName = "mesh.judge.llm";

    /// <summary>Adds <see cref="LlmJudge"/> (transient; its client comes from the factory) configured by <paramref name="options"/>.</summary>
    public static IServiceCollection AddLlmJudge(this IServiceCollection services, Func<IServiceProvider, LlmJudgeOptions> options)
    {
        services.AddHttpClient(ClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan) // the pipeline's timeouts apply instead
            .AddResilienceHandler(ClientName, (pipeline, context) => Configure(pipeline, options(context.ServiceProvider)));
        services.AddTransient(provider => new LlmJudge(new ChatCompletionsClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName), options(provider))));
        return services;
    }

    static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, LlmJudgeOptions options)
    {
        pipeline.AddTimeout(options.TotalTimeout);
        if (options.MaxRetries > 0)
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        pipeline.AddTimeout(options.AttemptTimeout);
    }
}
