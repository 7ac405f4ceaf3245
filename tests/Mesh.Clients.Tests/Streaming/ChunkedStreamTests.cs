using Google.Protobuf;
using Mesh.Clients.Streaming;
using Mesh.Contracts.ContextStore.V1;
using Mesh.Contracts.Vision.V1;

namespace Mesh.Clients.Tests.Streaming;

public sealed class ChunkedStreamTests
{
    static readonly ChunkFraming<PutRequest, PutHeader> Put = ChunkFramings.Put;

    static byte[] Payload(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 7 + 3))];

    static PutRequest Header(long size) => new() { Header = new PutHeader { SizeBytes = size, Sha256 = "s" } };
    static PutRequest Data(params byte[] bytes) => new() { Data = ByteString.CopyFrom(bytes) };

    /// <summary>What a test's reader throws: the field and the message, as a server would answer INVALID_ARGUMENT.</summary>
    sealed class Violation(string field, string message) : Exception(message)
    {
        public string Field { get; } = field;
    }

    static ChunkedReader<PutRequest, PutHeader> Reader(params PutRequest[] messages) =>
        new ScriptedReader<PutRequest>(messages).Chunked(Put, (field, message) => new Violation(field, message));

    static async Task<Violation> Broken(Func<Task> read) => await Assert.ThrowsAsync<Violation>(read);

    static async Task<List<byte[]>> Chunks(ChunkedReader<PutRequest, PutHeader> reader, long expected, int maxChunk = int.MaxValue)
    {
        await reader.ReadHeaderAsync(CancellationToken.None);
        var chunks = new List<byte[]>();
        await foreach (var chunk in reader.ReadChunksAsync(expected, maxChunk, "the test's chunk size")) chunks.Add(chunk.ToArray());
        return chunks;
    }

    [Theory]
    [InlineData(1000, 300, new[] { 300, 300, 300, 100 })]
    [InlineData(900, 300, new[] { 300, 300, 300 })]
    [InlineData(5, 300, new[] { 5 })]
    [InlineData(3, 1, new[] { 1, 1, 1 })]
    [InlineData(0, 300, new int[0])]
    public async Task WritersSendTheHeaderThenChunksOfAtMostTheChunkSizeInOrder(int length, int chunkBytes, int[] sizes)
    {
        byte[] payload = Payload(length);
        var fromMemory = new RecordingWriter<PutRequest>();
        var fromReads = new RecordingWriter<PutRequest>();

        await fromMemory.WriteAsync(Put, Header(length).Header, payload, chunkBytes, CancellationToken.None);
        await fromReads.WriteAsync(Put, Header(length).Header, length,
            (offset, buffer, _) => { payload.AsMemory((int)offset, buffer.Length).CopyTo(buffer); return ValueTask.CompletedTask; },
            chunkBytes, CancellationToken.None);

        foreach (var written in new[] { fromMemory.Messages, fromReads.Messages })
        {
            Assert.Equal(length, written[0].Header.SizeBytes);
            Assert.All(written.Skip(1), m => Assert.Equal(PutRequest.PartOneofCase.Data, m.PartCase));
            Assert.Equal(sizes, written.Skip(1).Select(m => m.Data.Length));
            Assert.Equal(payload, written.Skip(1).SelectMany(m => m.Data.ToByteArray()));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4097)]
    public async Task WhatAWriterSendsAReaderReadsBackWhole(int length)
    {
        byte[] payload = Payload(length);
        var header = new EmbeddingHeader { EmbeddingKey = "k", Tensor = new() { ByteLength = length } };
        var writer = new RecordingWriter<EncodeResponse>();
        await writer.WriteAsync(ChunkFramings.Embedding, header, payload, 1024, CancellationToken.None);

        var (read, bytes) = await new ScriptedReader<EncodeResponse>(writer.Messages).Chunked(ChunkFramings.Embedding).ReadAllAsync(1 << 20, CancellationToken.None);

        Assert.Equal(header, read);
        Assert.Equal(payload, bytes);
    }

    [Fact]
    public async Task AStreamWithoutMessagesOrWithDataFirstHasNoHeader()
    {
        foreach (var messages in new[] { Array.Empty<PutRequest>(), [Data(1, 2), Header(2)] })
        {
            var error = await Broken(() => Reader(messages).ReadHeaderAsync(CancellationToken.None));
            Assert.Equal("header", error.Field);
            Assert.Contains("The Put stream did not start with its PutHeader: the header is missing", error.Message);
        }
    }

    [Fact]
    public async Task AClientReadingABrokenStreamGetsInvalidData()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            new ScriptedReader<GetResponse>([new GetResponse { Data = ByteString.CopyFrom(1) }]).Chunked(ChunkFramings.Get).ReadAllAsync(10, CancellationToken.None));
        Assert.StartsWith("The Get stream did not start with its entry", error.Message);
    }

    [Fact]
    public async Task ASecondHeaderIsRefused()
    {
        var error = await Broken(() => Chunks(Reader(Header(2), Data(1), Header(2), Data(2)), 2));
        Assert.Equal("header", error.Field);
        Assert.Contains("sent a second PutHeader", error.Message);
    }

    [Fact]
    public async Task ChunksAtTheLimitPassAndAChunkOverItIsRefusedNamingTheLimit()
    {
        Assert.Equal([[1, 2, 3], [4]], await Chunks(Reader(Header(4), Data(1, 2, 3), Data(4)), 4, maxChunk: 3));

        var error = await Broken(() => Chunks(Reader(Header(4), Data(1, 2, 3, 4)), 4, maxChunk: 3));
        Assert.Equal("data", error.Field);
        Assert.Equal("A data chunk of 4 bytes is over the test's chunk size of 3 bytes.", error.Message);
    }

    [Fact]
    public async Task MoreOrFewerBytesThanTheHeaderStatesAreRefused()
    {
        var more = await Broken(() => Chunks(Reader(Header(3), Data(1, 2), Data(3, 4)), 3));
        Assert.Equal(("data", "The Put stream sent more than the 3 bytes its PutHeader states."), (more.Field, more.Message));

        var fewer = await Broken(() => Chunks(Reader(Header(3), Data(1, 2)), 3));
        Assert.Equal(("data", "The Put stream sent 2 of the 3 bytes its PutHeader states."), (fewer.Field, fewer.Message));
    }

    [Theory]
    [InlineData(1001)]
    [InlineData(-1)]
    public async Task ReadingWholeRefusesAStatedSizeOutsideTheCapBeforeReadingAnyChunk(long size)
    {
        var messages = new ScriptedReader<PutRequest>([Header(size), Data(1)]);

        var error = await Broken(() => messages.Chunked(Put, (field, message) => new Violation(field, message)).ReadAllAsync(1000, CancellationToken.None));

        Assert.Equal("header", error.Field);
        Assert.Equal($"The Put stream's PutHeader states {size} bytes; 0 .. 1000 are accepted here.", error.Message);
        Assert.Equal(1, messages.Taken);
    }

    [Fact]
    public async Task AnEmptyPayloadIsTheHeaderAlone()
    {
        var (header, payload) = await Reader(Header(0)).ReadAllAsync(1000, CancellationToken.None);
        Assert.Equal(0, header.SizeBytes);
        Assert.Empty(payload);

        var error = await Broken(() => Reader(Header(0), Data(9)).ReadAllAsync(1000, CancellationToken.None));
        Assert.Contains("more than the 0 bytes", error.Message);
    }
}
