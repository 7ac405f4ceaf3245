using Mesh.Core.Prompting;
using Mesh.Core.Tokenization;

namespace Mesh.Shapes.Scenes;

/// <summary>
/// Training samples from the Shapes world: sample i of a split uses scene i of that split, and its kind and
/// question are drawn from <see cref="TrainingMixOptions.Seed"/> and i alone, so a sample is a pure function of
/// (split, index, options) and any range can be regenerated (resuming, validation). Questions are drawn by
/// category first, so every category is asked equally often. Layouts with the LLaVA-1.5 template
/// ("USER: {image}\n{prompt} ASSISTANT:", follow-up "&lt;/s&gt;USER: {prompt} ASSISTANT:") and N image tokens;
/// the loss mask is true exactly on the tokens after the bar:
/// <code>
/// Description  &lt;s&gt; USER : &lt;image&gt;xN describe the image ASSISTANT : | a large red circle at the top left &lt;/s&gt;
/// Question     &lt;s&gt; USER : &lt;image&gt;xN is there a red circle ASSISTANT : | yes &lt;/s&gt;
/// FollowUp     &lt;s&gt; USER : &lt;image&gt;xN describe the image ASSISTANT : &lt;/s&gt; USER : is there a red circle ASSISTANT : | yes &lt;/s&gt;
/// TextOnly     &lt;s&gt; USER : a large red circle at the top left is there a red circle ASSISTANT : | yes &lt;/s&gt;
/// Conversation &lt;s&gt; USER : &lt;image&gt;xN is there a red circle ASSISTANT : | yes &lt;/s&gt; | USER : how many objects are there ASSISTANT : | one &lt;/s&gt; ...
/// </code>
/// A conversation asks one question of each category the scene has (all five, or four when no object has a unique
/// name for a position question), in a random order, each turn after the previous answer and its EOS; the loss is
/// on every answer and its EOS.
/// The prompt part is exactly what <see cref="ChatPrompts"/> (and so the served model) builds for that instruction.
/// </summary>
public sealed class ShapesTrainingSet
{
    private readonly SceneGenerator _generator;
    private readonly ITextTokenizer _tokenizer;
    private readonly ChatTemplate _template;
    private readonly int _imageTokenId, _imageSeqLength, _eos;
    private readonly TrainingMixOptions _mix;

    /// <summary>Most questions in a <see cref="SampleKind.Conversation"/> sample: one of each category the scene has.</summary>
    public const int ConversationTurns = 5;

    public ShapesTrainingSet(
        SceneGenerator generator, ITextTokenizer tokenizer, ChatTemplate template, int imageTokenId, int imageSeqLength,
        SceneSplit split, TrainingMixOptions? mix = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageSeqLength);
        template.Validate();
        (_generator, _tokenizer, _template, _imageTokenId, _imageSeqLength, Split) = (generator, tokenizer, template, imageTokenId, imageSeqLength, split);
        _eos = tokenizer.EosId ?? throw new ArgumentException("the tokenizer has no EOS token; training targets end with one", nameof(tokenizer));
        if (tokenizer.BosId is null)
            throw new ArgumentException("the tokenizer has no BOS token; prompts start with one", nameof(tokenizer));
        _mix = mix ?? new TrainingMixOptions();
        _mix.Validate();
    }

    public SceneSplit Split { get; }

    /// <summary>Number of samples: the number of scenes in the split.</summary>
    public long Count => SceneSplits.Size(Split);

    /// <summary>Samples <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1.</summary>
    public IEnumerable<TrainingSample> Samples(long start, int count)
    {
        for (long i = start; i < start + count; i++)
            yield return Sample(i);
    }

    public TrainingSample Sample(long index)
    {
        var scene = _generator.Scene(Split, index);
        var random = SceneRandom.For(_mix.Seed, (ulong)index);
        var kind = PickKind(random);
        if (kind == SampleKind.Description)
            return Build(kind, scene, Prompt(SceneWords.DescribeInstruction, withImage: true), [], SceneWords.DescribeInstruction, scene.Description);

        if (kind == SampleKind.Conversation)
            return Conversation(scene, random);
        var qa = PickQuestion(scene, random);
        return kind switch
        {
            SampleKind.Question => Build(kind, scene, Prompt(qa.Question, withImage: true), [], qa.Question, qa.Answer),
            SampleKind.FollowUp => Build(kind, scene, Prompt(SceneWords.DescribeInstruction, withImage: true),
                                         ChatPrompts.FollowUp(_tokenizer, _template, qa.Question), qa.Question, qa.Answer),
            _ => Build(kind, scene, Prompt($"{scene.Description} {qa.Question}", withImage: false), [], $"{scene.Description} {qa.Question}", qa.Answer),
        };
    }

    PromptLayout Prompt(string instruction, bool withImage) =>
        ChatPrompts.Build(_tokenizer, _template, instruction, withImage ? _imageTokenId : null, _imageSeqLength);

    TrainingSample Build(SampleKind kind, Scene scene, PromptLayout prompt, long[] followUp, string instruction, string target)
    {
        long[] targetIds = [.. _tokenizer.Encode(target, addBos: false).Select(i => (long)i), _eos];
        long[] ids = [.. prompt.InputIds, .. followUp, .. targetIds];
        Refuse(ids, instruction, target);
        var mask = new bool[ids.Length];
        Array.Fill(mask, true, ids.Length - targetIds.Length, targetIds.Length);
        return new TrainingSample(kind, scene, ids, mask, prompt.ImageStart, prompt.ImageEnd, instruction, target);
    }

    // The first question opens the prompt; each later one follows the previous answer in the follow-up template,
    // whose leading EOS is that answer's end (a target).
    TrainingSample Conversation(Scene scene, SceneRandom random)
    {
        var categories = scene.Questions.Select(q => q.Category).Distinct().ToArray();
        var turns = random.Sample(categories, Math.Min(ConversationTurns, categories.Length))
            .Select(c => random.Pick(scene.Questions.Where(q => q.Category == c).ToArray())).ToArray();
        var prompt = Prompt(turns[0].Question, withImage: true);
        var ids = new List<long>(prompt.InputIds);
        var mask = new List<bool>(new bool[ids.Count]);
        for (int i = 0; i < turns.Length; i++)
        {
            long[] answer = [.. _tokenizer.Encode(turns[i].Answer, addBos: false).Select(t => (long)t), _eos];
            ids.AddRange(answer);
            mask.AddRange(answer.Select(_ => true));
            if (i + 1 == turns.Length) break;
            var next = ChatPrompts.FollowUp(_tokenizer, _template, turns[i + 1].Question);
            if (next.Length > 0 && next[0] == _eos) next = next[1..];
            ids.AddRange(next);
            mask.AddRange(next.Select(_ => false));
        }
        string questions = string.Join(" | ", turns.Select(q => q.Question)), answers = string.Join(" | ", turns.Select(q => q.Answer));
        Refuse(ids, questions, answers);
        return new TrainingSample(SampleKind.Conversation, scene, [.. ids], [.. mask], prompt.ImageStart, prompt.ImageEnd, questions, answers);
    }

    void Refuse(IReadOnlyCollection<long> ids, string instruction, string target)
    {
        if (_tokenizer is WordLevelTokenizer words && ids.Contains(words.UnknownId))
            throw new InvalidDataException($"the tokenizer does not know every word of '{instruction}' / '{target}'; build it with ShapesVocabulary");
    }

    SampleKind PickKind(SceneRandom random)
    {
        var kinds = Enum.GetValues<SampleKind>();
        double total = kinds.Sum(_mix.Weight), draw = random.NextDouble() * total;
        foreach (var kind in kinds)
        {
            draw -= _mix.Weight(kind);
            if (draw < 0)
                return kind;
        }
        return kinds.Last(k => _mix.Weight(k) > 0); // rounding at the very top of the range
    }

    static QuestionAnswer PickQuestion(Scene scene, SceneRandom random)
    {
        var category = random.Pick(scene.Questions.Select(q => q.Category).Distinct().ToArray());
        return random.Pick(scene.Questions.Where(q => q.Category == category).ToArray());
    }
}
