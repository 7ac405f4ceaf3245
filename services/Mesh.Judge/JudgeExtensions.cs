using Mesh.Core.Judging;
using Mesh.Core.Judging.Lexicon;
using Mesh.Core.Judging.Llm;
using Mesh.Judge.Grpc;
using Mesh.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.Judge;

/// <summary>Everything the judge service adds after the service defaults.</summary>
public static class JudgeExtensions
{
    public static IHostApplicationBuilder AddJudge(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<LlmJudgeOptions>($"{JudgeOptions.Section}:Llm");
        builder.AddValidatedOptions<JudgeOptions>(JudgeOptions.Section)
            .Validate<IOptions<LlmJudgeOptions>>((judge, llm) => judge.DefaultBackend != JudgeKind.Llm || llm.Value.IsConfigured,
                "Judge:DefaultBackend is Llm but Judge:Llm has no Endpoint and Model; set them or use the Lexicon default");
        builder.Services.AddSingleton(_ => new LexiconJudge(ObjectLexicon.Default));
        builder.Services.AddLlmJudge(services => services.GetRequiredService<IOptions<LlmJudgeOptions>>().Value);
        builder.Services.AddSingleton<JudgeBackends>();
        builder.Services.AddSingleton<JudgeRequests>();
        builder.Services.AddHostedService<JudgeStartup>();
        return builder;
    }
}
