using Google.Protobuf;
using Mesh.Core.Decoding;
using Mesh.Core.Interp;
using Mesh.Core.Prompting;

namespace Mesh.Decoder.Streaming;

/// <summary>A validated generation request in Mesh.Core's terms.</summary>
public sealed record GenerateJob(
    PromptLayout Layout, ByteString? ImageBytes, string? EmbeddingKey, GenerationOptions Generation, InterpOptions Interp,
    ImageGrid Grid)
{
    public TokenGroups Groups => TokenGroups.From(Layout);
    public bool NeedsImage => Layout.HasImage;
}
