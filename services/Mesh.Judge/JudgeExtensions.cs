using Mesh.Catalog;
using Mesh.Judge.Grpc;
using Mesh.Judging;
using Mesh.Judging.Lexicon;
using Mesh.Judging.Llm;
using Mesh.ServiceDefaults.Health;
using Mesh.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.Judge;

/// <summary>The judge service's one Add call (CONTRIBUTING.md habit 1); Program.cs maps <see cref="JudgeService"/>.</summary>
public static class JudgeExtensions
{
    /// <summary>Options (validated on start), the lexicon and LLM judges, request checks, readiness once the lexicon is loaded.</summary>
    public static IHostApplicationBuilder AddJudge(this IHostApplicationBuilder builder)
    {
        builder.UseCatalogDefaults(MeshServices.Judge);
        builder.AddValidatedOptions<LlmJudgeOptions>($"{JudgeOptions.Section}:Llm");
        builder.AddValidatedOptions<JudgeOptions>(JudgeOptions.Section)
            .Validate<IOptions<LlmJudgeOptions>>((judge, llm) => judge.DefaultBackend != JudgeKind.Llm || llm.Value.IsConfigured,
                "Judge:DefaultBackend is Llm but Judge:Llm has no Endpoint and Model; set them or use the Lexicon default");
        builder.AddModelHost<LexiconJudge, LexiconLoader>();
        builder.Services.AddLlmJudge(services => services.GetRequiredService<IOptions<LlmJudgeOptions>>().Value);
        builder.Services.AddSingleton<JudgeBackends>();
        builder.Services.AddSingleton<JudgeRequests>();
        builder.AddGrpcServiceReadiness(Contracts.Judge.V1.Judge.Descriptor.FullName);
        return builder;
    }
}
