namespace Mesh.Judging;

/// <summary>One object named in both texts, possibly in different words (man ~ person).</summary>
/// <param name="Reference">The object as the reference names it.</param>
/// <param name="Candidate">The object as the candidate names it.</param>
public sealed record ObjectPair(string Reference, string Candidate);

/// <summary>
/// What a judge made of one pair of texts: the physical objects of each (canonical names, in order of first
/// mention, each once), the matches (TP), the objects lost (FN, reference only) and the hallucinated ones
/// (FP, candidate only), and the scores.
/// </summary>
public sealed record JudgeResult(
    IReadOnlyList<string> ReferenceObjects,
    IReadOnlyList<string> CandidateObjects,
    IReadOnlyList<ObjectPair> TruePositives,
    IReadOnlyList<string> FalseNegatives,
    IReadOnlyList<string> FalsePositives,
    JudgeScores Scores);

/// <summary>The two judges of docs/paper.md section 4.</summary>
public enum JudgeKind
{
    /// <summary>The deterministic object vocabulary with synonyms and plurals (<see cref="Lexicon.LexiconJudge"/>).</summary>
    Lexicon,

    /// <summary>The paper's step-by-step protocol through a chat model (<see cref="Llm.LlmJudge"/>).</summary>
    Llm,
}

/// <summary>Scores a candidate description against a reference description.</summary>
public interface IJudge
{
    /// <summary>Which judge this is.</summary>
    JudgeKind Kind { get; }

    /// <summary>Extracts, matches and scores the objects of <paramref name="reference"/> and <paramref name="candidate"/>.</summary>
    Task<JudgeResult> CompareAsync(string reference, string candidate, CancellationToken cancellationToken = default);
}
