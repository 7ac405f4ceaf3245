using Mesh.Core.Prompting;
using Mesh.Shapes.Scenes;
using Mesh.Core.Tokenization;

namespace Mesh.Shapes.Tests.Scenes;

public sealed class ShapesTrainingSetTests : IDisposable
{
    const int ImageTokens = 64;
    private readonly TempDirectory _dir = new();
    private readonly ITextTokenizer _tokenizer;
    private readonly IReadOnlyList<string> _tokens = ShapesVocabulary.Tokens(new SceneOptions(), ChatTemplate.Llava15);

    public ShapesTrainingSetTests()
    {
        int size = ShapesVocabulary.Write(_dir.Path, new SceneOptions(), ChatTemplate.Llava15);
        _tokenizer = TokenizerLoader.Load(_dir.Path, size);
    }

    public void Dispose() => _dir.Dispose();

    ShapesTrainingSet Set(TrainingMixOptions? mix = null, SceneSplit split = SceneSplit.Train) =>
        new(new SceneGenerator(), _tokenizer, ChatTemplate.Llava15, ShapesVocabulary.ImageTokenId, ImageTokens, split, mix);

    [Fact]
    public void EverySampleIsLaidOutAsDocumentedWithTheLossOnTheTargetAndEos()
    {
        foreach (var sample in Set().Samples(0, 400))
        {
            var scene = sample.Scene;
            string image = $"<image>x{ImageTokens} ";
            string expected = sample.Kind switch
            {
                SampleKind.Description => $"<s> USER : {image}describe the image ASSISTANT : | {scene.Description} </s>",
                SampleKind.Question => $"<s> USER : {image}{sample.Instruction} ASSISTANT : | {sample.Target} </s>",
                SampleKind.FollowUp => $"<s> USER : {image}describe the image ASSISTANT : </s> USER : {sample.Instruction} ASSISTANT : | {sample.Target} </s>",
                _ => $"<s> USER : {scene.Description} {QuestionOf(sample)} ASSISTANT : | {sample.Target} </s>",
            };
            Assert.Equal(expected, Render(sample));
            if (sample.Kind != SampleKind.Description)
                Assert.Contains(scene.Questions, q => q.Question == QuestionOf(sample) && q.Answer == sample.Target);
            Assert.Equal(sample.Kind != SampleKind.TextOnly, sample.HasImage);
            Assert.Equal(sample.HasImage ? ImageTokens : 0, sample.InputIds.Count(id => id == ShapesVocabulary.ImageTokenId));
        }
    }

    [Fact]
    public void ThePromptIsWhatTheServedModelWouldBuild()
    {
        var sample = Set(new TrainingMixOptions { Description = 0, FollowUp = 0, TextOnly = 0 }).Sample(3);
        var prompt = ChatPrompts.Build(_tokenizer, ChatTemplate.Llava15, sample.Instruction, ShapesVocabulary.ImageTokenId, ImageTokens);
        Assert.Equal(prompt.InputIds, sample.InputIds[..sample.TargetStart]);
        Assert.Equal((prompt.ImageStart, prompt.ImageEnd), (sample.ImageStart, sample.ImageEnd));
    }

    [Fact]
    public void SamplesArePureFunctionsOfIndexAndSeed()
    {
        var a = Set().Sample(41);
        var b = Set().Samples(40, 2).Last();
        Assert.Equal(a.InputIds, b.InputIds);
        Assert.Equal(a.LossMask, b.LossMask);
        Assert.Equal(a.Scene.Rgb, new SceneGenerator().Scene(SceneSplit.Train, 41).Rgb);
        var reseeded = Set(new TrainingMixOptions { Seed = 1 }).Samples(0, 50).Select(s => s.Kind);
        Assert.NotEqual(Set().Samples(0, 50).Select(s => s.Kind), reseeded);
        Assert.Equal(SceneSplits.ValidationSize, Set(split: SceneSplit.Validation).Count);
    }

    [Fact]
    public void KindsFollowTheMixAndQuestionsCoverEveryCategory()
    {
        var samples = Set().Samples(0, 2000).ToArray();
        foreach (var kind in Enum.GetValues<SampleKind>())
            Assert.InRange(samples.Count(s => s.Kind == kind) / 2000.0, new TrainingMixOptions().Weight(kind) - 0.04, new TrainingMixOptions().Weight(kind) + 0.04);
        var categories = samples.Where(s => s.Kind != SampleKind.Description)
            .Select(s => s.Scene.Questions.First(q => q.Question == QuestionOf(s)).Category).ToArray();
        foreach (var category in Enum.GetValues<QuestionCategory>())
            Assert.InRange(categories.Count(c => c == category) / (double)categories.Length, 0.15, 0.25);
        Assert.All(Set(new TrainingMixOptions { Description = 0, Question = 0, FollowUp = 0 }).Samples(0, 100), s => Assert.Equal(SampleKind.TextOnly, s.Kind));
    }

    [Fact]
    public void AConversationAsksOneQuestionPerCategoryWithTheLossOnEveryAnswer()
    {
        var set = Set(new TrainingMixOptions { Description = 0, Question = 0, FollowUp = 0, TextOnly = 0, Conversation = 1 });
        foreach (var sample in set.Samples(0, 200))
        {
            Assert.Equal(SampleKind.Conversation, sample.Kind);
            var questions = sample.Instruction.Split(" | ");
            var answers = sample.Target.Split(" | ");
            var asked = questions.Select(q => sample.Scene.Questions.Single(x => x.Question == q)).ToArray();
            Assert.Equal(answers, asked.Select(q => q.Answer));
            Assert.Equal(sample.Scene.Questions.Select(q => q.Category).Distinct().Order(), asked.Select(q => q.Category).Order());
            var turns = questions.Zip(answers, (q, a) => $"{q} ASSISTANT : [{a} </s>]");
            Assert.Equal($"<s> USER : <image>x{ImageTokens} " + string.Join(" USER : ", turns), Render(sample, bracketTargets: true));
            var served = ChatPrompts.Build(_tokenizer, ChatTemplate.Llava15, questions[0], ShapesVocabulary.ImageTokenId, ImageTokens);
            Assert.Equal(served.InputIds, sample.InputIds[..sample.TargetStart]);
        }
        // The order is drawn: every category opens some conversations (the served single-question layout).
        var first = set.Samples(0, 200).Select(s => s.Scene.Questions.Single(q => q.Question == s.Instruction.Split(" | ")[0]).Category);
        Assert.Equal(Enum.GetValues<QuestionCategory>().Order(), first.Distinct().Order());
    }

    [Fact]
    public void BadMixesAndTokenizersAreRefused()
    {
        Assert.Contains("Question", Assert.Throws<ArgumentException>(() => Set(new TrainingMixOptions { Question = -1 })).Message);
        Assert.Throws<ArgumentException>(() => Set(new TrainingMixOptions { Question = double.NaN }));
        Assert.Throws<ArgumentException>(() => Set(new TrainingMixOptions { Description = 0, Question = 0, FollowUp = 0, TextOnly = 0 }));
        var noEos = TokenizerJson.Parse(WordLevelTokenizerJson.Text, bosToken: "<s>");
        Assert.Throws<ArgumentException>(() => new ShapesTrainingSet(new SceneGenerator(), noEos, ChatTemplate.Llava15, 3, ImageTokens, SceneSplit.Train));
        var small = TokenizerJson.Parse(WordLevelTokenizerJson.Text, bosToken: "<s>", eosToken: "</s>");
        var set = new ShapesTrainingSet(new SceneGenerator(), small, ChatTemplate.Llava15, 3, ImageTokens, SceneSplit.Train);
        Assert.Contains("ShapesVocabulary", Assert.Throws<InvalidDataException>(() => set.Sample(0)).Message);
    }

    // The question of a sample: the instruction, after the description for text-only samples.
    static string QuestionOf(TrainingSample sample) =>
        sample.Kind == SampleKind.TextOnly ? sample.Instruction[(sample.Scene.Description.Length + 1)..] : sample.Instruction;

    // Tokens by name, the image span as "<image>xN", and "|" before the first target (or every run of targets in [ ]).
    string Render(TrainingSample sample, bool bracketTargets = false)
    {
        var parts = new List<string>();
        for (int t = 0; t < sample.Length; t++)
        {
            if (bracketTargets)
            {
                string name = _tokens[(int)sample.InputIds[t]];
                bool opens = sample.LossMask[t] && !sample.LossMask[t - 1], closes = sample.LossMask[t] && (t + 1 == sample.Length || !sample.LossMask[t + 1]);
                if (t == sample.ImageStart)
                {
                    parts.Add($"<image>x{sample.ImageEnd - sample.ImageStart}");
                    t = sample.ImageEnd - 1;
                    continue;
                }
                parts.Add((opens ? "[" : "") + name + (closes ? "]" : ""));
                continue;
            }
            if (t == sample.TargetStart)
                parts.Add("|");
            if (t == sample.ImageStart && sample.HasImage)
            {
                parts.Add($"<image>x{sample.ImageEnd - sample.ImageStart}");
                t = sample.ImageEnd - 1;
                continue;
            }
            parts.Add(_tokens[(int)sample.InputIds[t]]);
        }
        if (!bracketTargets)
            Assert.Equal(sample.Length - sample.TargetStart, sample.LossMask.Count(m => m));
        return string.Join(' ', parts);
    }
}
