using Mesh.Contracts.Judge.V1;
using Mesh.ServiceDefaults.Grpc;
using Microsoft.Extensions.Options;

namespace Mesh.Judge.Grpc;

/// <summary>Checks requests against the limits of <see cref="JudgeOptions"/>: INVALID_ARGUMENT naming the field and the limit.</summary>
public sealed class JudgeRequests(IOptions<JudgeOptions> options)
{
    /// <summary>Checks one pair; <paramref name="prefix"/> is its path in the request ("" or "pairs[3].").</summary>
    public void Check(CompareRequest request, string prefix = "")
    {
        CheckText(request.Reference, prefix + "reference");
        CheckText(request.Candidate, prefix + "candidate");
    }

    /// <summary>Checks a batch: 1 to <see cref="JudgeOptions.MaxBatchPairs"/> pairs, each within the limits.</summary>
    public void Check(CompareBatchRequest request)
    {
        int max = options.Value.MaxBatchPairs;
        if (request.Pairs.Count == 0)
            RpcErrors.InvalidArgument("pairs", $"the batch is empty; send 1 to {max} pairs");
        if (request.Pairs.Count > max)
            RpcErrors.InvalidArgument("pairs", $"the batch holds {request.Pairs.Count} pairs; at most {max} are allowed per call");
        for (int i = 0; i < request.Pairs.Count; i++)
            Check(request.Pairs[i], $"pairs[{i}].");
    }

    void CheckText(string text, string field)
    {
        int max = options.Value.MaxTextChars;
        if (text.Length > max)
            RpcErrors.InvalidArgument(field, $"{field} is {text.Length} characters; at most {max} are allowed");
    }
}
