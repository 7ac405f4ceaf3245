using Mesh.Judging.Llm;

namespace Mesh.Judging.Tests.Llm;

public class JudgePromptTests
{
    [Fact]
    public void TheSystemMessageStatesTheFourStepsAndItsExamplesParse()
    {
        string system = JudgePrompt.System;
        foreach (var step in new[] { "Step 1.", "Step 2.", "Step 3.", "Step 4." })
            Assert.Contains(step, system);
        Assert.DoesNotContain("{{", system);
        // The three worked examples are verdicts the parser reads (each fenced block on its own).
        var blocks = system.Split("```json").Skip(1).Select(b => b[..b.IndexOf("```", StringComparison.Ordinal)]).ToList();
        Assert.Equal(3, blocks.Count);
        Assert.All(blocks, b => Assert.True(LlmReplyParser.Parse(b).Scores.F1 > 0));
    }

    [Fact]
    public void TheUserMessageHoldsBothTextsOnOneLineEach()
    {
        string user = JudgePrompt.User("a dog\nand a cat", "a cat");
        Assert.Equal("REFERENCE: a dog and a cat\nCANDIDATE: a cat", user.ReplaceLineEndings("\n"));
    }
}
