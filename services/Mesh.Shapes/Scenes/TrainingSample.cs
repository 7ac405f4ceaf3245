namespace Mesh.Shapes.Scenes;

/// <summary>
/// One training sequence: <see cref="InputIds"/> is the prompt followed by the target's tokens and EOS.
/// <c>LossMask[t]</c> is true when token t is a target, i.e. the loss compares the logits at position t - 1 with
/// <c>InputIds[t]</c>; exactly the target tokens and the closing EOS are targets (for <see cref="SampleKind.Conversation"/>,
/// every turn's answer and its EOS). Positions
/// [<see cref="ImageStart"/>, <see cref="ImageEnd"/>) hold the image token, to be replaced by the image features
/// of <see cref="Scene"/> (an empty span for <see cref="SampleKind.TextOnly"/>). <see cref="Instruction"/> is the
/// text the template frames (for <see cref="SampleKind.FollowUp"/>, the follow-up question), <see cref="Target"/>
/// the text to learn (for a conversation, the instruction holds the questions and the target the answers, each joined by " | ").
/// </summary>
public sealed record TrainingSample(
    SampleKind Kind, Scene Scene, long[] InputIds, bool[] LossMask, int ImageStart, int ImageEnd, string Instruction, string Target)
{
    public int Length => InputIds.Length;
    public bool HasImage => ImageEnd > ImageStart;

    /// <summary>Position of the first target token (everything before it is prompt).</summary>
    public int TargetStart => Array.IndexOf(LossMask, true);
}
