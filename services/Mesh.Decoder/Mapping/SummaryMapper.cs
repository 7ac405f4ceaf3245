using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Decoding;

namespace Mesh.Decoder.Mapping;

/// <summary>How a generation ended, in the summary's terms.</summary>
internal static class SummaryMapper
{
    public static StopReason ToWire(StopCause cause) => cause switch
    {
        StopCause.StopToken => StopReason.StopToken,
        StopCause.ContextFull => StopReason.ContextWindow,
        _ => StopReason.MaxTokens,
    };
}
