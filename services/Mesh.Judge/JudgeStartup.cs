using Mesh.Judging.Lexicon;
using Mesh.Judging.Llm;
using Mesh.ServiceDefaults.Health;
using Microsoft.Extensions.Options;

namespace Mesh.Judge;

/// <summary>Loads the lexicon when the service starts and turns readiness on (or reports why it cannot).</summary>
public sealed class JudgeStartup(ServiceReadiness readiness, IOptions<LlmJudgeOptions> llm, ILogger<JudgeStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var lexicon = ObjectLexicon.Default;
            string llmState = llm.Value.IsConfigured ? $"LLM judge {llm.Value.Model} at {llm.Value.Endpoint}" : "no LLM judge configured";
            readiness.MarkReady($"lexicon of {lexicon.Objects.Count} objects ({lexicon.FormCount} forms) loaded; {llmState}");
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException)
        {
            readiness.MarkFailed($"the lexicon could not be loaded: {e.Message}");
            logger.LogError(e, "Loading the lexicon failed");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
