using Mesh.Contracts.Judge.V1;
using Mesh.Judging;
using Mesh.Judging.Lexicon;
using Mesh.Judging.Llm;
using Mesh.ServiceDefaults.Grpc;
using Mesh.ServiceDefaults.Hosting;
using Mesh.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;

namespace Mesh.Judge;

/// <summary>
/// Picks the judge a request asks for and runs it: JUDGE_BACKEND_UNSPECIFIED is the configured default, an LLM
/// judge without an endpoint is INVALID_ARGUMENT, an LLM judge that cannot answer is UNAVAILABLE. Records each
/// pair's F1 in <c>mesh.judge.f1</c>.
/// </summary>
public sealed class JudgeBackends(ModelHost<LexiconJudge> lexicon, IServiceProvider services, IOptions<JudgeOptions> options,
                                  IOptions<LlmJudgeOptions> llm, MeshTelemetry telemetry)
{
    static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>Scores one pair with the judge <paramref name="backend"/> names; <paramref name="field"/> is the request's backend field path.</summary>
    public async Task<(JudgeResult Result, JudgeKind Kind)> CompareAsync(
        JudgeBackend backend, string reference, string candidate, string field, CancellationToken cancellationToken)
    {
        var judge = Resolve(backend, field);
        var result = await Run(judge, reference, candidate, cancellationToken);
        telemetry.JudgeF1.Record(result.Scores.F1);
        return (result, judge.Kind);
    }

    static async Task<JudgeResult> Run(IJudge judge, string reference, string candidate, CancellationToken cancellationToken)
    {
        try
        {
            return await judge.CompareAsync(reference, candidate, cancellationToken);
        }
        catch (LlmJudgeException e)
        {
            RpcErrors.Unavailable($"the LLM judge gave no verdict: {e.Message}", RetryAfter);
            return null!;
        }
    }

    IJudge Resolve(JudgeBackend backend, string field)
    {
        var kind = backend switch
        {
            JudgeBackend.Unspecified => options.Value.DefaultBackend,
            JudgeBackend.Lexicon => JudgeKind.Lexicon,
            JudgeBackend.Llm => JudgeKind.Llm,
            _ => throw RpcErrors.InvalidArgumentException(field, $"unknown judge backend {(int)backend}; allowed: JUDGE_BACKEND_LEXICON, JUDGE_BACKEND_LLM"),
        };
        if (kind == JudgeKind.Lexicon) return lexicon.Model;
        if (!llm.Value.IsConfigured)
            RpcErrors.InvalidArgument(field, "this server has no LLM judge configured (Judge:Llm:Endpoint and Judge:Llm:Model); use JUDGE_BACKEND_LEXICON");
        return services.GetRequiredService<LlmJudge>();
    }
}
