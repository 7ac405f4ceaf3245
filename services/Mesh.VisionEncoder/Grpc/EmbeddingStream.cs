using System.Runtime.InteropServices;
using Grpc.Core;
using Mesh.Clients.Streaming;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Vision.V1;

namespace Mesh.VisionEncoder.Grpc;

/// <summary>Writes an embedding as the stream protos/README.md describes (<see cref="ChunkFramings.Embedding"/>): one header, then byte chunks in order.</summary>
internal static class EmbeddingStream
{
    /// <summary>Writes <paramref name="header"/> and, unless <paramref name="referenceOnly"/>, the features [tokens, dim] as <paramref name="dtype"/> bytes.</summary>
    public static Task WriteAsync(IServerStreamWriter<EncodeResponse> stream, EmbeddingHeader header, float[] features,
                                  DType dtype, int chunkBytes, bool referenceOnly, CancellationToken cancellationToken)
    {
        byte[] bytes = ToBytes(features, dtype);
        header.Tensor.Dtype = dtype;
        header.Tensor.ByteLength = bytes.Length;
        return stream.WriteAsync(ChunkFramings.Embedding, header, referenceOnly ? ReadOnlyMemory<byte>.Empty : bytes, chunkBytes, cancellationToken);
    }

    /// <summary>Little-endian F32 or F16 bytes of <paramref name="values"/>.</summary>
    public static byte[] ToBytes(float[] values, DType dtype)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Mesh's wire tensors are little-endian; this machine is not.");
        if (dtype == DType.F32) return MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        var halves = new Half[values.Length];
        for (int i = 0; i < values.Length; i++) halves[i] = (Half)values[i];
        return MemoryMarshal.AsBytes(halves.AsSpan()).ToArray();
    }
}
