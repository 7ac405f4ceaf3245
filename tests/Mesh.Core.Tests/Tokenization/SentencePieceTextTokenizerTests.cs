using Google.Protobuf;
using Mesh.Core.Tokenization;

namespace Mesh.Core.Tests.Tokenization;

public class SentencePieceTextTokenizerTests
{
    [Fact]
    public void EncodesMergesByScoreAndRoundTrips()
    {
        var tokenizer = new SentencePieceTextTokenizer(new MemoryStream(TinyModel()));
        Assert.Equal((277, 1, 2), (tokenizer.VocabSize, tokenizer.BosId, tokenizer.EosId));

        var ids = tokenizer.Encode("hello world", addBos: true);
        Assert.Equal([1, 271, 276], ids);
        Assert.Equal("hello world", tokenizer.Decode(ids));
        Assert.Equal(" world", tokenizer.DecodeToken(276));
        Assert.Equal("", tokenizer.DecodeToken(1));
    }

    [Fact]
    public void UnknownCharactersFallBackToBytes()
    {
        var tokenizer = new SentencePieceTextTokenizer(new MemoryStream(TinyModel()));
        var ids = tokenizer.Encode("hi!", addBos: false);
        Assert.Equal([259, 260, 3 + 'i', 3 + '!'], ids); // "▁", "h", <0x69>, <0x21>
        Assert.Equal("hi!", tokenizer.Decode(ids));
        Assert.Equal("!", tokenizer.DecodeToken(3 + '!'));
    }

    [Fact]
    public void CorruptModelIsInvalidData() =>
        Assert.Throws<InvalidDataException>(() => new SentencePieceTextTokenizer(new MemoryStream([0xff, 0x01, 0x02, 0x03])));

    /// <summary>
    /// A LLaMA-shaped sentencepiece ModelProto: unk, bos, eos, 256 byte pieces, then BPE pieces whose
    /// scores order the merges (higher merges first).
    /// </summary>
    private static byte[] TinyModel()
    {
        var pieces = new List<(string Piece, float Score, int Type)> { ("<unk>", 0, 2), ("<s>", 0, 3), ("</s>", 0, 3) };
        for (int b = 0; b < 256; b++)
            pieces.Add(($"<0x{b:X2}>", 0, 6)); // BYTE
        foreach (var c in new[] { "\u2581", "h", "e", "l", "o", "w", "r", "d" })
            pieces.Add((c, -1000, 1)); // ids 259..266
        string[] merged = ["he", "ll", "\u2581he", "\u2581hell", "\u2581hello", "or", "\u2581w", "\u2581wor", "ld", "\u2581world"];
        for (int i = 0; i < merged.Length; i++)
            pieces.Add((merged[i], -1 - i, 1)); // ids 267..276

        var model = new MemoryStream();
        var output = new CodedOutputStream(model);
        foreach (var (piece, score, type) in pieces)
            WriteMessage(output, 1, o =>
            {
                o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteString(piece);
                o.WriteTag(2, WireFormat.WireType.Fixed32); o.WriteFloat(score);
                o.WriteTag(3, WireFormat.WireType.Varint); o.WriteEnum(type);
            });
        WriteMessage(output, 2, o => // trainer_spec
        {
            o.WriteTag(3, WireFormat.WireType.Varint); o.WriteEnum(2); // model_type = BPE
            o.WriteTag(4, WireFormat.WireType.Varint); o.WriteInt32(pieces.Count); // vocab_size
            o.WriteTag(35, WireFormat.WireType.Varint); o.WriteBool(true); // byte_fallback
            o.WriteTag(40, WireFormat.WireType.Varint); o.WriteInt32(0); // unk_id
            o.WriteTag(41, WireFormat.WireType.Varint); o.WriteInt32(1); // bos_id
            o.WriteTag(42, WireFormat.WireType.Varint); o.WriteInt32(2); // eos_id
            o.WriteTag(43, WireFormat.WireType.Varint); o.WriteInt32(-1); // pad_id
        });
        WriteMessage(output, 3, o => // normalizer_spec
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteString("identity");
            o.WriteTag(3, WireFormat.WireType.Varint); o.WriteBool(true); // add_dummy_prefix
            o.WriteTag(4, WireFormat.WireType.Varint); o.WriteBool(false); // remove_extra_whitespaces
            o.WriteTag(5, WireFormat.WireType.Varint); o.WriteBool(true); // escape_whitespaces
        });
        output.Flush();
        return model.ToArray();
    }

    private static void WriteMessage(CodedOutputStream output, int field, Action<CodedOutputStream> write)
    {
        var buffer = new MemoryStream();
        var inner = new CodedOutputStream(buffer);
        write(inner);
        inner.Flush();
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(buffer.ToArray()));
    }
}
