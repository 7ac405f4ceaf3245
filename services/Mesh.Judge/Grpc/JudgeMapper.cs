using Mesh.Contracts.Judge.V1;
using Mesh.Judging;
using Proto = Mesh.Contracts.Judge.V1;

namespace Mesh.Judge.Grpc;

/// <summary>Mesh.Core's judge results as mesh.judge.v1 messages.</summary>
public static class JudgeMapper
{
    public static CompareResponse ToProto(JudgeResult result, JudgeKind kind)
    {
        var response = new CompareResponse
        {
            Precision = result.Scores.Precision,
            Recall = result.Scores.Recall,
            F1 = result.Scores.F1,
            Backend = ToProto(kind),
        };
        response.ReferenceObjects.AddRange(result.ReferenceObjects);
        response.CandidateObjects.AddRange(result.CandidateObjects);
        response.TruePositives.AddRange(result.TruePositives.Select(p => new ObjectMatch { Reference = p.Reference, Candidate = p.Candidate }));
        response.FalseNegatives.AddRange(result.FalseNegatives);
        response.FalsePositives.AddRange(result.FalsePositives);
        return response;
    }

    public static Proto.ScoreSummary ToProto(Mesh.Judging.ScoreSummary summary) => new() { Mean = summary.Mean, Std = summary.Std };

    public static JudgeBackend ToProto(JudgeKind kind) => kind switch
    {
        JudgeKind.Lexicon => JudgeBackend.Lexicon,
        JudgeKind.Llm => JudgeBackend.Llm,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a judge kind"),
    };
}
