namespace Mesh.Judging;

/// <summary>
/// The judge's counts and scores (docs/paper.md section 4): P = TP/(TP+FP), R = TP/(TP+FN), F1 = 2PR/(P+R).
/// Both object lists empty (no TP, FP or FN) give P = R = F1 = 1: the candidate kept everything and invented
/// nothing. Otherwise a ratio over nothing is 0, so exactly one list empty gives P = R = F1 = 0 (judge.proto).
/// </summary>
public sealed record JudgeScores(int TruePositives, int FalsePositives, int FalseNegatives)
{
    public int TruePositives { get; } = TruePositives >= 0 ? TruePositives : throw Negative(nameof(TruePositives), TruePositives);
    public int FalsePositives { get; } = FalsePositives >= 0 ? FalsePositives : throw Negative(nameof(FalsePositives), FalsePositives);
    public int FalseNegatives { get; } = FalseNegatives >= 0 ? FalseNegatives : throw Negative(nameof(FalseNegatives), FalseNegatives);

    /// <summary>Share of the candidate's objects that the reference has too.</summary>
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>Share of the reference's objects that the candidate kept.</summary>
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>Harmonic mean of <see cref="Precision"/> and <see cref="Recall"/>; 0 when both are 0.</summary>
    public double F1
    {
        get
        {
            double p = Precision, r = Recall;
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    bool BothEmpty => TruePositives + FalsePositives + FalseNegatives == 0;

    double Ratio(int part, int whole) => whole > 0 ? (double)part / whole : BothEmpty ? 1 : 0;

    static ArgumentOutOfRangeException Negative(string name, int value) => new(name, value, "counts are 0 or more");
}
