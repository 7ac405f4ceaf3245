namespace Mesh.Judging.Lexicon;

/// <summary>
/// The default judge (docs/paper.md section 4, Mesh choice): objects extracted with an <see cref="ObjectLexicon"/>,
/// matched by canonical name. Deterministic, offline and thread-safe.
/// </summary>
public sealed class LexiconJudge(ObjectLexicon lexicon) : IJudge
{
    /// <summary>A judge over <see cref="ObjectLexicon.Default"/>.</summary>
    public LexiconJudge() : this(ObjectLexicon.Default) { }

    /// <inheritdoc />
    public JudgeKind Kind => JudgeKind.Lexicon;

    /// <summary>The comparison, synchronously.</summary>
    public JudgeResult Compare(string reference, string candidate) =>
        ObjectMatching.Match(lexicon.Extract(reference), lexicon.Extract(candidate));

    /// <inheritdoc />
    public Task<JudgeResult> CompareAsync(string reference, string candidate, CancellationToken cancellationToken = default) =>
        Task.FromResult(Compare(reference, candidate));
}
