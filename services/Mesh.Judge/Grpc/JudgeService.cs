using Grpc.Core;
using Mesh.Contracts.Judge.V1;
using Mesh.Judging;
using Microsoft.Extensions.Options;

namespace Mesh.Judge.Grpc;

/// <summary>mesh.judge.v1.Judge: one pair, or a batch with mean and standard deviation (docs/paper.md section 4).</summary>
public sealed class JudgeService(JudgeBackends backends, JudgeRequests requests, IOptions<JudgeOptions> options)
    : Contracts.Judge.V1.Judge.JudgeBase
{
    public override async Task<CompareResponse> Compare(CompareRequest request, ServerCallContext context)
    {
        requests.Check(request);
        var (result, kind) = await backends.CompareAsync(request.Backend, request.Reference, request.Candidate, "backend", context.CancellationToken);
        return JudgeMapper.ToProto(result, kind);
    }

    public override async Task<CompareBatchResponse> CompareBatch(CompareBatchRequest request, ServerCallContext context)
    {
        requests.Check(request);
        var verdicts = new (JudgeResult Result, JudgeKind Kind)[request.Pairs.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.BatchParallelism, CancellationToken = context.CancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, verdicts.Length), parallel, async (i, token) =>
        {
            var pair = request.Pairs[i];
            verdicts[i] = await backends.CompareAsync(pair.Backend, pair.Reference, pair.Candidate, $"pairs[{i}].backend", token);
        });

        var summary = BatchSummary.Of([.. verdicts.Select(v => v.Result)]);
        var batch = new CompareBatchResponse
        {
            Precision = JudgeMapper.ToProto(summary.Precision),
            Recall = JudgeMapper.ToProto(summary.Recall),
            F1 = JudgeMapper.ToProto(summary.F1),
        };
        batch.Results.AddRange(verdicts.Select(v => JudgeMapper.ToProto(v.Result, v.Kind)));
        return batch;
    }
}
