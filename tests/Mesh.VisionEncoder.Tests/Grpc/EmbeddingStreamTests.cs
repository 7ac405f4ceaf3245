using System.Runtime.InteropServices;
using Grpc.Core;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Vision.V1;
using Mesh.VisionEncoder.Grpc;

namespace Mesh.VisionEncoder.Tests.Grpc;

/// <summary>The stream writer on its own, with a fake <see cref="IServerStreamWriter{T}"/> (CONTRIBUTING.md habit 3).</summary>
public class EmbeddingStreamTests
{
    sealed class RecordingWriter : IServerStreamWriter<EncodeResponse>
    {
        public List<EncodeResponse> Messages { get; } = [];
        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(EncodeResponse message)
        {
            Messages.Add(message.Clone());
            return Task.CompletedTask;
        }
    }

    static float[] Values(int count) => Enumerable.Range(0, count).Select(i => i * 0.5f - 7f).ToArray();

    static EmbeddingHeader Header() => new() { EmbeddingKey = "k", Tensor = new TensorHeader { Shape = { 10, 25 } } };

    [Fact]
    public async Task TheHeaderComesFirstAndTheChunksCarryEveryByteInOrder()
    {
        var writer = new RecordingWriter();
        var values = Values(250); // 1000 bytes as F32

        await EmbeddingStream.WriteAsync(writer, Header(), values, DType.F32, chunkBytes: 300, referenceOnly: false, CancellationToken.None);

        Assert.Equal(EncodeResponse.PartOneofCase.Header, writer.Messages[0].PartCase);
        Assert.Equal(1000, writer.Messages[0].Header.Tensor.ByteLength);
        var chunks = writer.Messages.Skip(1).ToList();
        Assert.Equal([300, 300, 300, 100], chunks.Select(c => c.Data.Length));
        var joined = chunks.SelectMany(c => c.Data.ToByteArray()).ToArray();
        Assert.Equal(values, MemoryMarshal.Cast<byte, float>(joined).ToArray());
    }

    [Fact]
    public async Task ReferenceOnlyWritesTheHeaderAlone()
    {
        var writer = new RecordingWriter();

        await EmbeddingStream.WriteAsync(writer, Header(), Values(250), DType.F16, chunkBytes: 300, referenceOnly: true, CancellationToken.None);

        var only = Assert.Single(writer.Messages);
        Assert.Equal(DType.F16, only.Header.Tensor.Dtype);
        Assert.Equal(500, only.Header.Tensor.ByteLength);
    }

    [Fact]
    public void F16BytesAreTheRoundedValues()
    {
        float[] values = [1f, -2.5f, 65504f, 1e-8f, 0.1f];

        var bytes = EmbeddingStream.ToBytes(values, DType.F16);

        Assert.Equal(values.Select(v => (Half)v), MemoryMarshal.Cast<byte, Half>(bytes).ToArray());
    }
}
