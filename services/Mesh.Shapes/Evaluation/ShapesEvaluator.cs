using Mesh.Shapes.Scenes;

namespace Mesh.Shapes.Evaluation;

/// <summary>Measures a responder on scenes <c>start .. start + count - 1</c> of a split (see <see cref="ShapesEvaluation"/>).</summary>
public static class ShapesEvaluator
{
    /// <param name="textOnly">Also ask each question after the description as text (the text-only baseline).</param>
    /// <param name="byForm">Also ask every question of each scene and count them by <see cref="QuestionForm"/>.</param>
    /// <param name="progress">Receives the number of scenes done.</param>
    public static ShapesEvaluation Evaluate(IShapesResponder responder, SceneGenerator generator, SceneSplit split, long start, int count,
                                            bool textOnly = true, IProgress<int>? progress = null, CancellationToken cancellationToken = default,
                                            bool byForm = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (start < 0 || start + count > SceneSplits.Size(split))
            throw new ArgumentOutOfRangeException(nameof(count), $"scenes {start}..{start + count - 1} do not lie in the {SceneSplits.Name(split)} split (0..{SceneSplits.Size(split) - 1})");
        F1Count objects = default, kinds = default;
        int exact = 0;
        var byCount = new SortedDictionary<int, F1Count>();
        var scenesByCount = new SortedDictionary<int, int>();
        var vqa = Enum.GetValues<QuestionCategory>().ToDictionary(c => c, _ => new Accuracy(0, 0));
        var text = new Accuracy(0, 0);
        var vqaByForm = new SortedDictionary<QuestionForm, Accuracy>();
        var textByForm = new SortedDictionary<QuestionForm, Accuracy>();
        for (int i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var scene = generator.Scene(split, start + i);
            string description = responder.Respond(scene, SceneWords.DescribeInstruction, withImage: true);
            var predicted = DescriptionObjects.Extract(description);
            var actual = scene.Objects.Select(o => (o.Colour, o.Kind)).ToList();
            var score = F1Count.Of(predicted, actual);
            objects += score;
            kinds += F1Count.Of(predicted.Select(p => p.Kind), actual.Select(a => a.Kind));
            exact += description == scene.Description ? 1 : 0;
            int n = scene.Objects.Count;
            byCount[n] = byCount.GetValueOrDefault(n) + score;
            scenesByCount[n] = scenesByCount.GetValueOrDefault(n) + 1;
            // Each question is asked once per way (image, description as text); the by-form pass reuses the answers.
            var answers = new Dictionary<(QuestionAnswer, bool WithImage), Accuracy>();
            Accuracy Asked(QuestionAnswer qa, bool withImage)
            {
                if (!answers.TryGetValue((qa, withImage), out var scored))
                    answers[(qa, withImage)] = scored = Score(responder.Respond(
                        scene, withImage ? qa.Question : $"{scene.Description} {qa.Question}", withImage), qa.Answer);
                return scored;
            }
            // One question per category, rotating through the category's questions with the scene index, so that
            // yes and no answers (the scene lists the "yes" question of a category first) are asked alike.
            foreach (var qa in scene.Questions.GroupBy(q => q.Category).Select(g => g.ElementAt((int)((start + i) % g.Count()))))
            {
                vqa[qa.Category] += Asked(qa, withImage: true);
                if (textOnly) text += Asked(qa, withImage: false);
            }
            foreach (var qa in byForm ? scene.Questions : [])
            {
                var form = QuestionForm.Of(qa);
                vqaByForm[form] = vqaByForm.GetValueOrDefault(form) + Asked(qa, withImage: true);
                if (textOnly) textByForm[form] = textByForm.GetValueOrDefault(form) + Asked(qa, withImage: false);
            }
            progress?.Report(i + 1);
        }
        return new ShapesEvaluation
        {
            Split = split, Start = start, Scenes = count, Objects = objects, Kinds = kinds, ExactDescriptions = exact,
            ObjectsByCount = byCount, ScenesByCount = scenesByCount, Vqa = vqa, TextOnly = text,
            VqaByForm = vqaByForm, TextOnlyByForm = textByForm,
        };
    }

    static Accuracy Score(string response, string answer) => new(VqaAnswers.IsCorrect(response, answer) ? 1 : 0, 1);
}
