using Mesh.Contracts.ContextStore.V1;
using Mesh.Contracts.Vision.V1;

namespace Mesh.Clients.Streaming;

/// <summary>The "header, then byte chunks" streams of Mesh's contracts.</summary>
public static class ChunkFramings
{
    /// <summary><c>ContextStore.Put</c>'s request stream: a <see cref="PutHeader"/>, then the blob.</summary>
    public static readonly ChunkFraming<PutRequest, PutHeader> Put = new(
        "Put", "PutHeader", h => new() { Header = h }, d => new() { Data = d },
        m => m.PartCase == PutRequest.PartOneofCase.Header ? m.Header : null,
        m => m.PartCase == PutRequest.PartOneofCase.Data ? m.Data : null,
        h => h.SizeBytes);

    /// <summary><c>ContextStore.Get</c>'s response stream: the <see cref="ContextEntry"/>, then the blob.</summary>
    public static readonly ChunkFraming<GetResponse, ContextEntry> Get = new(
        "Get", "entry", e => new() { Entry = e }, d => new() { Data = d },
        m => m.PartCase == GetResponse.PartOneofCase.Entry ? m.Entry : null,
        m => m.PartCase == GetResponse.PartOneofCase.Data ? m.Data : null,
        e => e.SizeBytes);

    /// <summary><c>VisionEncoder.Encode</c> / <c>GetEmbedding</c>'s response stream: the <see cref="EmbeddingHeader"/>, then the tensor's bytes.</summary>
    public static readonly ChunkFraming<EncodeResponse, EmbeddingHeader> Embedding = new(
        "embedding", "EmbeddingHeader", h => new() { Header = h }, d => new() { Data = d },
        m => m.PartCase == EncodeResponse.PartOneofCase.Header ? m.Header : null,
        m => m.PartCase == EncodeResponse.PartOneofCase.Data ? m.Data : null,
        h => h.Tensor?.ByteLength ?? 0);
}
