using System.Runtime.InteropServices;
using Google.Protobuf;
using Grpc.Core;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Vision.V1;

namespace Mesh.VisionEncoder.Grpc;

/// <summary>Writes an embedding as the stream protos/README.md describes: one header, then byte chunks in order.</summary>
internal static class EmbeddingStream
{
    /// <summary>Writes <paramref name="header"/> and, unless <paramref name="referenceOnly"/>, the features [tokens, dim] as <paramref name="dtype"/> bytes.</summary>
    public static async Task WriteAsync(IServerStreamWriter<EncodeResponse> stream, EmbeddingHeader header, float[] features,
                                        DType dtype, int chunkBytes, bool referenceOnly, CancellationToken cancellationToken)
    {
        byte[] bytes = ToBytes(features, dtype);
        header.Tensor.Dtype = dtype;
        header.Tensor.ByteLength = bytes.Length;
        await stream.WriteAsync(new EncodeResponse { Header = header }, cancellationToken);
        if (referenceOnly) return;
        for (int offset = 0; offset < bytes.Length; offset += chunkBytes)
        {
            var slice = bytes.AsMemory(offset, Math.Min(chunkBytes, bytes.Length - offset));
            await stream.WriteAsync(new EncodeResponse { Data = UnsafeByteOperations.UnsafeWrap(slice) }, cancellationToken);
        }
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
