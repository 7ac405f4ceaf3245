using Mesh.Core.Prompting;

namespace Mesh.Core.Interp;

/// <summary>The paper's token groups (docs/paper.md section 1). QUERY = PREFIX + INSTRUCTION.</summary>
public enum PositionGroup { Image, Prefix, Instruction, Query, Generated }

/// <summary>
/// Group membership by absolute position for one prompt <c>[prefix][image][instruction]</c> and the tokens
/// generated after it, so prefill rows and cached decode steps classify alike.
/// </summary>
public sealed record TokenGroups(long ImageStart, long ImageEnd, long PromptLength)
{
    public static TokenGroups From(PromptLayout layout) => new(layout.ImageStart, layout.ImageEnd, layout.Length);

    public bool Contains(PositionGroup group, long position) => group switch
    {
        PositionGroup.Image => position >= ImageStart && position < ImageEnd,
        PositionGroup.Prefix => position >= 0 && position < ImageStart,
        PositionGroup.Instruction => position >= ImageEnd && position < PromptLength,
        PositionGroup.Query => position >= 0 && position < PromptLength && !(position >= ImageStart && position < ImageEnd),
        PositionGroup.Generated => position >= PromptLength,
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, "unknown token group"),
    };

    /// <summary>The positions of <paramref name="group"/> as intervals [From, To); GENERATED is open-ended.</summary>
    public (long From, long To)[] Intervals(PositionGroup group) => group switch
    {
        PositionGroup.Image => [(ImageStart, ImageEnd)],
        PositionGroup.Prefix => [(0, ImageStart)],
        PositionGroup.Instruction => [(ImageEnd, PromptLength)],
        PositionGroup.Query => [(0, ImageStart), (ImageEnd, PromptLength)],
        PositionGroup.Generated => [(PromptLength, long.MaxValue)],
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, "unknown token group"),
    };

    /// <summary>Whether <paramref name="group"/> holds no prompt position (GENERATED is never empty: it grows).</summary>
    public bool IsEmptyInPrompt(PositionGroup group) => group switch
    {
        PositionGroup.Image => ImageEnd <= ImageStart,
        PositionGroup.Prefix => ImageStart <= 0,
        PositionGroup.Instruction => PromptLength <= ImageEnd,
        PositionGroup.Query => PromptLength - (ImageEnd - ImageStart) <= 0,
        _ => false,
    };
}
