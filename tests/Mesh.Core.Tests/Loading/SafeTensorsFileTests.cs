using Mesh.Core.Loading;

namespace Mesh.Core.Tests.Loading;

public class SafeTensorsFileTests
{
    private static string Fixture(string name) => Path.Combine(TestPaths.TinyLlava, name);

    [Fact]
    public void ModelFixtureHasNinetySevenF32TensorsAndPtMetadata()
    {
        using var file = SafeTensorsFile.Open(Fixture("model.safetensors"));

        Assert.Equal(97, file.Tensors.Count);
        Assert.All(file.Tensors.Values, info => Assert.Equal(SafeTensorDType.F32, info.DType));
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.False(file.Tensors.ContainsKey("language_model.lm_head.weight")); // tied to embed_tokens

        var embed = file.Tensors["language_model.model.embed_tokens.weight"];
        Assert.Equal(new long[] { 384, 64 }, embed.Shape);
        Assert.Equal(384 * 64, embed.ElementCount);
        Assert.Equal(4, embed.ElementSize);
        Assert.Equal(384 * 64 * 4, file.GetBytes(embed.Name).Length);
    }

    [Fact]
    public void ReadSingleMatchesTheRawLittleEndianBytes()
    {
        using var file = SafeTensorsFile.Open(Fixture("model.safetensors"));
        const string name = "multi_modal_projector.linear_1.bias";

        var values = file.ReadSingle(name);
        var bytes = file.GetBytes(name);

        Assert.Equal(64, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(BitConverter.ToSingle(bytes.Slice(4 * i, 4)), values[i]);
        }
        Assert.Contains(values, v => v != 0);
    }

    [Fact]
    public void ReferenceInputIdsAreTheExpandedPrompt()
    {
        using var file = SafeTensorsFile.Open(Fixture("reference.safetensors"));

        var info = file.Tensors["input_ids"];
        Assert.Equal(SafeTensorDType.I64, info.DType);
        Assert.Equal(new long[] { 1, 26 }, info.Shape);
        long[] expected = [1, 17, 250, 33, 71, .. Enumerable.Repeat(320L, 16), 12, 190, 77, 301, 45];
        Assert.Equal(expected, file.ReadInt64("input_ids"));
        Assert.Equal("make_fixtures.py", file.Metadata["producer"]);
    }

    [Fact]
    public void KnockoutMaskIsU8WithTheBlockedEdges()
    {
        using var file = SafeTensorsFile.Open(Fixture("knockout.safetensors"));

        var info = file.Tensors["blocked_mask"];
        Assert.Equal(SafeTensorDType.U8, info.DType);
        Assert.Equal(new long[] { 4, 38, 38 }, info.Shape);
        var mask = file.ReadBytes("blocked_mask");
        static int At(int layer, int q, int k) => (layer * 38 + q) * 38 + k;
        Assert.Equal(1, mask[At(1, 21, 5)]);
        Assert.Equal(1, mask[At(2, 37, 20)]);
        Assert.Equal(0, mask[At(0, 21, 5)]);
        Assert.Equal(0, mask[At(1, 20, 5)]);
        // Layers 1 and 2, queries 21..37, keys 5..20.
        Assert.Equal(2 * 17 * 16, mask.Count(b => b == 1));
        Assert.Equal(mask.Select(b => (long)b), file.ReadInt64("blocked_mask"));
    }

    [Fact]
    public void AMissingTensorNamesTheTensorAndTheFile()
    {
        using var file = SafeTensorsFile.Open(Fixture("reference.safetensors"));

        var error = Assert.Throws<SafeTensorsException>(() => file.GetBytes("no.such.tensor"));
        Assert.Contains("no.such.tensor", error.Message);
        Assert.Contains("reference.safetensors", error.Message);
        Assert.Equal("no.such.tensor", error.TensorName);
    }

    [Fact]
    public void ReadingAsTheWrongKindNamesTheDType()
    {
        using var file = SafeTensorsFile.Open(Fixture("reference.safetensors"));

        var error = Assert.Throws<SafeTensorsException>(() => file.ReadSingle("input_ids"));
        Assert.Contains("input_ids", error.Message);
        Assert.Contains("I64", error.Message);
        Assert.Throws<SafeTensorsException>(() => file.ReadInt64("logits"));
    }

    [Fact]
    public void GetBytesAfterDisposeThrows()
    {
        var file = SafeTensorsFile.Open(Fixture("reference.safetensors"));
        file.Dispose();
        file.Dispose();

        Assert.Throws<ObjectDisposedException>(() => file.GetBytes("input_ids").Length);
    }

    public static TheoryData<string, long, string?, string> BadHeaders => new()
    {
        // header, data bytes, tensor named in the error (or null), expected fragment
        { "{not json", 0, null, "not valid JSON" },
        { "[1, 2]", 0, null, "not an object" },
        { """{"w": 5}""", 0, "w", "not an object" },
        { """{"w": {"shape": [1], "data_offsets": [0, 4]}}""", 4, "w", "dtype" },
        { """{"w": {"dtype": "F8_E4M3", "shape": [1], "data_offsets": [0, 1]}}""", 1, "w", "F8_E4M3" },
        { """{"w": {"dtype": "f32", "shape": [1], "data_offsets": [0, 4]}}""", 4, "w", "unknown dtype" },
        { """{"w": {"dtype": "F32", "shape": "1", "data_offsets": [0, 4]}}""", 4, "w", "shape" },
        { """{"w": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}}""", 4, "w", "shape" },
        { """{"w": {"dtype": "F32", "shape": [1.5], "data_offsets": [0, 4]}}""", 4, "w", "shape" },
        { """{"w": {"dtype": "F32", "shape": [1], "data_offsets": [0]}}""", 4, "w", "data_offsets" },
        { """{"w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4, 8]}}""", 8, "w", "data_offsets" },
        { """{"w": {"dtype": "F32", "shape": [1], "data_offsets": [4, 0]}}""", 4, "w", "end before" },
        { """{"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}""", 4, "w", "run past" },
        { """{"w": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}""", 8, "w", "needs 12" },
        { """{"w": {"dtype": "F32", "shape": [4611686018427387904, 4], "data_offsets": [0, 8]}}""", 8, "w", "overflow" },
        { """{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}""", 8, "b", "overlap" },
        { """{"a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}""", 8, "a", "hole" },
        { """{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}""", 8, null, "cover 4" },
        { """{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}, "a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}""", 8, "a", "twice" },
        { """{"__metadata__": {"n": 1}}""", 0, null, "not a string" },
        { """{"__metadata__": [1]}""", 0, null, "__metadata__" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void AnInvalidHeaderIsRejectedAtOpen(string header, long dataBytes, string? tensor, string fragment)
    {
        using var dir = new TempDirectory();
        var path = dir.WriteRaw("bad.safetensors", header, dataBytes);

        var error = Assert.Throws<SafeTensorsException>(() => SafeTensorsFile.Open(path));
        Assert.Contains("bad.safetensors", error.Message);
        Assert.Contains(fragment, error.Message);
        Assert.Equal(tensor, error.TensorName);
        if (tensor is not null)
        {
            Assert.Contains($"'{tensor}'", error.Message);
        }
    }

    [Theory]
    [InlineData(9UL, "runs past the end")]              // 9 > 2 bytes of header text
    [InlineData(100_000_001UL, "limit")]
    [InlineData(ulong.MaxValue, "limit")]
    public void AHeaderLengthPastTheFileOrAbsurdIsRejected(ulong lengthField, string fragment)
    {
        using var dir = new TempDirectory();
        var path = dir.WriteRaw("len.safetensors", "{}", 0, lengthField);

        var error = Assert.Throws<SafeTensorsException>(() => SafeTensorsFile.Open(path));
        Assert.Contains("len.safetensors", error.Message);
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void AFileTooShortForTheLengthIsRejected()
    {
        using var dir = new TempDirectory();
        var path = dir.File("short.safetensors");
        File.WriteAllBytes(path, [1, 0, 0]);

        var error = Assert.Throws<SafeTensorsException>(() => SafeTensorsFile.Open(path));
        Assert.Contains("short.safetensors", error.Message);
        Assert.Contains("too short", error.Message);
    }

    [Fact]
    public void ATruncatedFileIsRejectedNamingTheCutTensor()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cut.safetensors");
        SafeTensorsWriter.Write(path, [("a", SafeTensorDType.F32, [2], new byte[8]), ("b", SafeTensorDType.F32, [4], new byte[16])]);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^3]);

        var error = Assert.Throws<SafeTensorsException>(() => SafeTensorsFile.Open(path));
        Assert.Contains("cut.safetensors", error.Message);
        Assert.Contains("'b'", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void AMissingFileIsASafeTensorsException()
    {
        var path = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}.safetensors");

        var error = Assert.Throws<SafeTensorsException>(() => SafeTensorsFile.Open(path));
        Assert.Contains(Path.GetFileName(path), error.Message);
        Assert.IsType<FileNotFoundException>(error.InnerException);
    }

    [Fact]
    public void AnEmptyHeaderWithPaddingOpensWithNoTensors()
    {
        using var dir = new TempDirectory();
        var path = dir.WriteRaw("empty.safetensors", "{}      ", 0);

        using var file = SafeTensorsFile.Open(path);
        Assert.Empty(file.Tensors);
        Assert.Empty(file.Metadata);
    }
}
