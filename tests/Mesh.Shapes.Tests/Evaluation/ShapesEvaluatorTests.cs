using Mesh.Shapes.Evaluation;
using Mesh.Shapes.Scenes;

namespace Mesh.Shapes.Tests.Evaluation;

public sealed class ShapesEvaluatorTests
{
    /// <summary>Knows every scene's truth; optionally forgets the last object of each description, answers "no" to everything or shouts its answers.</summary>
    sealed class Oracle(bool dropLast, bool sayNo, bool upperCase = false) : IShapesResponder
    {
        public List<(string Instruction, bool WithImage)> Asked { get; } = [];

        public string Respond(Scene scene, string instruction, bool withImage)
        {
            Asked.Add((instruction, withImage));
            if (instruction == SceneWords.DescribeInstruction)
                return dropLast && scene.Objects.Count > 1
                    ? SceneDescription.Describe(scene.Objects.Take(scene.Objects.Count - 1))
                    : scene.Description;
            if (sayNo) return SceneWords.No;
            string question = withImage ? instruction : instruction[(scene.Description.Length + 1)..];
            string answer = scene.Questions.First(q => q.Question == question).Answer;
            return upperCase ? $" {answer.ToUpperInvariant()}" : answer;
        }
    }

    [Fact]
    public void AnAnswerIsRightWhateverItsCaseAndSurroundingSpace()
    {
        var result = ShapesEvaluator.Evaluate(new Oracle(dropLast: false, sayNo: false, upperCase: true), new SceneGenerator(), SceneSplit.Test, 0, 10);

        Assert.Equal(1.0, result.VqaOverall.Value);
        Assert.True(VqaAnswers.IsCorrect("Yes\n", "yes"));
        Assert.False(VqaAnswers.IsCorrect("yes no", "yes"));
        Assert.False(VqaAnswers.IsCorrect("three", "two"));
    }

    [Fact]
    public void APerfectResponderScoresOneEverywhere()
    {
        var oracle = new Oracle(dropLast: false, sayNo: false);
        var result = ShapesEvaluator.Evaluate(oracle, new SceneGenerator(), SceneSplit.Test, 0, 10);
        Assert.Equal(1.0, result.Objects.F1);
        Assert.Equal(10, result.ExactDescriptions);
        Assert.Equal(1.0, result.VqaOverall.Value);
        Assert.Equal(1.0, result.TextOnly.Value);
        Assert.Equal(10, result.ScenesByCount.Values.Sum());
        Assert.Equal(result.VqaOverall.Total, result.TextOnly.Total);
        Assert.Contains(oracle.Asked, a => !a.WithImage);
    }

    [Fact]
    public void MissedObjectsAndWrongAnswersAreCountedExactly()
    {
        var generator = new SceneGenerator();
        var result = ShapesEvaluator.Evaluate(new Oracle(dropLast: true, sayNo: true), generator, SceneSplit.Test, 0, 20, textOnly: false);
        var scenes = Enumerable.Range(0, 20).Select(i => generator.Scene(SceneSplit.Test, i)).ToList();
        int actual = scenes.Sum(s => s.Objects.Count), missed = scenes.Count(s => s.Objects.Count > 1);
        Assert.Equal(new F1Count(actual - missed, actual - missed, actual), result.Objects);
        Assert.Equal(1.0, result.ObjectsByCount[1].F1);
        int noAnswers = scenes.Select((s, i) => s.Questions.GroupBy(q => q.Category).Count(g => g.ElementAt(i % g.Count()).Answer == SceneWords.No)).Sum();
        Assert.InRange(noAnswers, 1, result.VqaOverall.Total - 1); // both kinds of answer are asked
        Assert.Equal(noAnswers, result.VqaOverall.Correct);
        Assert.Equal(0, result.TextOnly.Total);
    }

    [Fact]
    public void ByFormCountsEveryQuestionUnderItsFormAndOnlyWhenAsked()
    {
        var generator = new SceneGenerator();
        var scenes = Enumerable.Range(0, 20).Select(i => generator.Scene(SceneSplit.Test, i)).ToList();
        var oracle = new Oracle(dropLast: false, sayNo: true);
        var result = ShapesEvaluator.Evaluate(oracle, generator, SceneSplit.Test, 0, 20, byForm: true);
        var questions = scenes.SelectMany(s => s.Questions).ToList();
        // Each scene: one description, then each question once with the image and once as text (the headline ones reused).
        Assert.Equal(20 + 2 * questions.Count, oracle.Asked.Count);
        Assert.Equal(questions.Count, result.VqaByForm.Values.Sum(a => a.Total));
        Assert.Equal(result.VqaByForm, result.TextOnlyByForm);
        foreach (var (form, accuracy) in result.VqaByForm)
        {
            var these = questions.Where(q => QuestionForm.Of(q) == form).ToList();
            Assert.Equal(these.Count, accuracy.Total);
            Assert.Equal(these.Count(q => q.Answer == SceneWords.No), accuracy.Correct); // saying "no" is right exactly on the "no" questions
            Assert.Equal(form.YesNo ? accuracy.Total : 0, these.Count(q => q.IsYesNo));
        }
        Assert.Contains(result.VqaByForm.Keys, f => f is { Category: QuestionCategory.Colour, YesNo: false, NamedBy: ReferenceParts.Kind });
        Assert.Contains(result.VqaByForm.Keys, f => f is { Category: QuestionCategory.Count, NamedBy: ReferenceParts.None });

        var plain = ShapesEvaluator.Evaluate(new Oracle(false, false), generator, SceneSplit.Test, 0, 5);
        Assert.Empty(plain.VqaByForm);
        Assert.Empty(plain.TextOnlyByForm);
    }

    [Fact]
    public void ScenesOutsideTheSplitAreRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ShapesEvaluator.Evaluate(new Oracle(false, false), new SceneGenerator(), SceneSplit.Test, SceneSplits.TestSize - 5, 10));
}
