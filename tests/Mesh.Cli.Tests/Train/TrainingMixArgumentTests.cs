using Mesh.Cli.Commands;

namespace Mesh.Cli.Tests.Train;

public sealed class TrainingMixArgumentTests
{
    [Fact]
    public void EveryKindIsReadAndALeftOutKindGetsZero()
    {
        var mix = TrainingMixArgument.Parse("description=0.15, question=0.5,text-only=0.25,CONVERSATION=0.1");
        Assert.Equal((0.15, 0.5, 0.0, 0.25, 0.1), (mix.Description, mix.Question, mix.FollowUp, mix.TextOnly, mix.Conversation));
        mix.Validate();
    }

    [Fact]
    public void TheDefaultsWrittenOutGiveTheDefaultMix()
    {
        var mix = TrainingMixArgument.Parse("description=0.3,question=0.4,follow-up=0.1,text-only=0.2");
        Assert.Equal(new Mesh.Shapes.Scenes.TrainingMixOptions(), mix);
    }

    [Theory]
    [InlineData("pictures=1", "unknown sample kind 'pictures'", true)]
    [InlineData("question", "is not KIND=WEIGHT", true)]
    [InlineData("question=-1", "the weight of question is '-1'; weights are finite numbers >= 0", false)]
    [InlineData("question=abc", "the weight of question is 'abc'", false)]
    [InlineData("question=1,question=2", "question is given twice", false)]
    [InlineData("question=0,description=0", "gives no kind a positive weight", true)]
    public void BadMixesAreRefusedNamingTheProblem(string text, string expected, bool namesTheKinds)
    {
        var error = Assert.Throws<FormatException>(() => TrainingMixArgument.Parse(text));
        Assert.Contains(expected, error.Message);
        Assert.Equal(namesTheKinds, error.Message.Contains("(kinds: description, question, follow-up, text-only, conversation)"));
    }

    [Fact]
    public void TheTrainCommandRefusesABadMixBeforeTraining()
    {
        var parse = TrainCommand.Create().Parse(["--mix", "pictures=1"]);
        Assert.Contains(parse.Errors, e => e.Message.Contains("unknown sample kind 'pictures'"));
    }
}
