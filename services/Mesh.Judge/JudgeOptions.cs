using System.ComponentModel.DataAnnotations;
using Mesh.Judging;

namespace Mesh.Judge;

/// <summary>
/// The judge service's settings, bound from the <c>Judge</c> section (environment: <c>Judge__DefaultBackend</c> ...).
/// The LLM judge's endpoint lives in <c>Judge:Llm</c> (<see cref="Mesh.Judging.Llm.LlmJudgeOptions"/>).
/// </summary>
public sealed record JudgeOptions
{
    public const string Section = "Judge";

    /// <summary>The judge of requests that name none (JUDGE_BACKEND_UNSPECIFIED). Default: the lexicon judge.</summary>
    public JudgeKind DefaultBackend { get; init; } = JudgeKind.Lexicon;

    /// <summary>Longest reference or candidate text accepted, in characters. Default 20,000 (a long description is ~2,000).</summary>
    [Range(1, 1_000_000)]
    public int MaxTextChars { get; init; } = 20_000;

    /// <summary>Most pairs in one CompareBatch (the contract allows 1000).</summary>
    [Range(1, 1000)]
    public int MaxBatchPairs { get; init; } = 1000;

    /// <summary>Pairs of one batch judged at once (LLM calls wait on the network, so a few run side by side). Default 4.</summary>
    [Range(1, 64)]
    public int BatchParallelism { get; init; } = 4;
}
