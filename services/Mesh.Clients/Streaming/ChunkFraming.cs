using Google.Protobuf;

namespace Mesh.Clients.Streaming;

/// <summary>
/// One "header, then byte chunks" stream's message type (protos/README.md "Streaming"): a <c>oneof</c> of a header,
/// sent first and exactly once, stating the payload's length, and <c>bytes data</c> slices of the payload in order.
/// <see cref="ChunkFramings"/> has every such stream of Mesh's contracts; <see cref="ChunkedStream"/> writes and reads them.
/// </summary>
/// <param name="Stream">The stream's name in messages ("Put").</param>
/// <param name="HeaderName">The header's name in messages ("PutHeader").</param>
/// <param name="Header">A message carrying a header.</param>
/// <param name="Data">A message carrying a chunk.</param>
/// <param name="HeaderOf">The header a message carries, or null.</param>
/// <param name="DataOf">The chunk a message carries, or null.</param>
/// <param name="PayloadBytes">The payload length a header states.</param>
public sealed record ChunkFraming<TMessage, THeader>(
    string Stream, string HeaderName,
    Func<THeader, TMessage> Header, Func<ByteString, TMessage> Data,
    Func<TMessage, THeader?> HeaderOf, Func<TMessage, ByteString?> DataOf,
    Func<THeader, long> PayloadBytes)
    where TMessage : class where THeader : class;
