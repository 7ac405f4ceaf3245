using Google.Protobuf;
using Mesh.Contracts.Decoder.V1;

namespace Mesh.Experiments;

/// <summary>The requests the experiments send, so every experiment asks the same question the same way.</summary>
public static class MeshRequests
{
    /// <summary>The paper's prompt: "describe the image", greedy.</summary>
    public const string DescribePrompt = "describe the image";

    public static GenerateRequest Describe(byte[] png, int maxTokens) => new()
    {
        ImageBytes = ByteString.CopyFrom(png),
        Prompt = new Prompt { Text = DescribePrompt },
        Sampling = new SamplingParams { MaxTokens = maxTokens },
    };
}
