using Mesh.Judging;
using Mesh.Judging.Llm;

namespace Mesh.Judging.Tests.Llm;

/// <summary>Reading verdicts from replies as chat models write them (canned texts; no model is asked).</summary>
public class LlmReplyParserTests
{
    [Fact]
    public void ReadsTheFencedJsonBlockAfterTheReasoning()
    {
        var result = LlmReplyParser.Parse("""
            Step 1. The reference names a man, a frisbee and a dog {not a bracket verdict}.
            Step 3. man ~ person.
            ```json
            {"reference_objects": ["Man", "frisbee", "dog"], "candidate_objects": ["person", "dog", "ball"],
             "true_positives": [{"reference": "man", "candidate": "person"}, {"reference": "dog", "candidate": "dog"}],
             "false_negatives": ["frisbee"], "false_positives": ["ball"],}
            ```
            """);
        Assert.Equal(["man", "frisbee", "dog"], result.ReferenceObjects);
        Assert.Equal([new ObjectPair("man", "person"), new ObjectPair("dog", "dog")], result.TruePositives);
        Assert.Equal(["frisbee"], result.FalseNegatives);
        Assert.Equal(["ball"], result.FalsePositives);
        Assert.Equal(new JudgeScores(2, 1, 1), result.Scores);
    }

    [Fact]
    public void TheLastCompleteJsonObjectWins()
    {
        var result = LlmReplyParser.Parse("""
            First draft: {"tp": ["dog"], "fn": [], "fp": ["cat"]}
            Correction: {"TP": ["dog", "cat"], "FN": [], "FP": []}
            """);
        Assert.Equal(new JudgeScores(2, 0, 0), result.Scores);
    }

    [Fact]
    public void ComputesTheScoresItselfAndDerivesMissingObjectLists()
    {
        // The model's arithmetic is ignored; the object lists follow from TP, FN and FP.
        var result = LlmReplyParser.Parse("""
            {"true_positives": [["man", "person"], "bike = bicycle", "cat (kitten)"], "false_negatives": "car, bus, tree, vase, clock, bench",
             "false_positives": ["train", "boat", "kite"], "precision": 0.9, "f1": 0.99}
            """);
        Assert.Equal([new ObjectPair("man", "person"), new ObjectPair("bike", "bicycle"), new ObjectPair("cat", "kitten")], result.TruePositives);
        Assert.Equal(["man", "bike", "cat", "car", "bus", "tree", "vase", "clock", "bench"], result.ReferenceObjects);
        Assert.Equal(["person", "bicycle", "kitten", "train", "boat", "kite"], result.CandidateObjects);
        Assert.Equal(0.5, result.Scores.Precision, 12);
        Assert.Equal(0.4, result.Scores.F1, 12);
    }

    [Fact]
    public void CountsAloneStillGiveScores()
    {
        var result = LlmReplyParser.Parse("""{"tp": 3, "fn": 6, "fp": 3}""");
        Assert.Empty(result.TruePositives);
        Assert.Equal(new JudgeScores(3, 3, 6), result.Scores);
    }

    [Fact]
    public void FallsBackToLabelledListsWithoutJson()
    {
        var result = LlmReplyParser.Parse("""
            Let me work through it.
            **True positives (TP):** man ~ person, dog
            **False negatives (FN):**
            - frisbee
            - jacket
            **False positives (FP):** none
            """);
        Assert.Equal([new ObjectPair("man", "person"), new ObjectPair("dog", "dog")], result.TruePositives);
        Assert.Equal(["frisbee", "jacket"], result.FalseNegatives);
        Assert.Empty(result.FalsePositives);
        Assert.Equal(new JudgeScores(2, 0, 2), result.Scores);
    }

    [Fact]
    public void JsonWithoutTheVerdictFallsBackToLabels()
    {
        var result = LlmReplyParser.Parse("""
            {"note": "thinking"}
            TP: 3 (man, dog, cat)
            FN: 6
            FP: train, boat, kite
            """);
        Assert.Equal(["man", "dog", "cat"], result.TruePositives.Select(p => p.Reference));
        Assert.Equal(new JudgeScores(3, 3, 6), result.Scores);
    }

    [Theory]
    [InlineData("I cannot judge these descriptions.")]
    [InlineData("""{"true_positives": ["dog"], "false_negatives": []}""")]
    [InlineData("TP: dog\nFN: cat")]
    public void AReplyWithoutACompleteVerdictIsRefusedQuotingIt(string reply)
    {
        var error = Assert.Throws<LlmJudgeException>(() => LlmReplyParser.Parse(reply));
        Assert.Contains("neither a JSON object", error.Message);
        Assert.Contains(reply[..10], error.Message);
    }

    [Fact]
    public void BracesInsideStringsDoNotSplitObjects() =>
        Assert.Equal(["""{"a": "}{", "b": {"c": 1}}"""], LlmReplyParser.JsonObjects("""x {"a": "}{", "b": {"c": 1}} y"""));
}
