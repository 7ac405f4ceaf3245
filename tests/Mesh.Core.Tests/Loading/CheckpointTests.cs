using Mesh.Core.Loading;
using TorchSharp;

namespace Mesh.Core.Tests.Loading;

public class CheckpointTests
{
    private const string Embed = "language_model.model.embed_tokens.weight";

    [Fact]
    public void AModelDirectoryOpensItsSingleFile()
    {
        using var checkpoint = Checkpoint.Open(TestPaths.TinyLlava);

        Assert.Equal(97, checkpoint.Names.Count);
        Assert.True(checkpoint.Contains(Embed));
        Assert.False(checkpoint.Contains("language_model.lm_head.weight"));
        Assert.Equal(Path.Combine(TestPaths.TinyLlava, "model.safetensors"), checkpoint.Path);
        Assert.Equal(new long[] { 384, 64 }, checkpoint.Info(Embed).Shape);
    }

    [Fact]
    public void LoadTensorKeepsTheStoredShapeDTypeAndValues()
    {
        var path = Path.Combine(TestPaths.TinyLlava, "model.safetensors");
        using var file = SafeTensorsFile.Open(path);
        using var checkpoint = Checkpoint.Open(path);

        using var tensor = checkpoint.LoadTensor(Embed);

        Assert.Equal(torch.ScalarType.Float32, tensor.dtype);
        Assert.Equal(new long[] { 384, 64 }, tensor.shape);
        Assert.Equal(file.ReadSingle(Embed), tensor.data<float>().ToArray());
    }

    [Fact]
    public void LoadTensorConvertsToTheAskedDType()
    {
        const string name = "multi_modal_projector.linear_2.bias";
        using var checkpoint = Checkpoint.Open(TestPaths.TinyLlava);
        using var file = SafeTensorsFile.Open(checkpoint.Path);

        using var tensor = checkpoint.LoadTensor(name, torch.ScalarType.Float64);

        Assert.Equal(torch.ScalarType.Float64, tensor.dtype);
        Assert.Equal(file.ReadSingle(name).Select(v => (double)v), tensor.data<double>().ToArray());
    }

    [Fact]
    public void ALoadedTensorOutlivesTheCheckpoint()
    {
        torch.Tensor ids;
        using (var checkpoint = Checkpoint.Open(Path.Combine(TestPaths.TinyLlava, "reference.safetensors")))
        {
            ids = checkpoint.LoadTensor("input_ids");
        }

        using (ids)
        {
            Assert.Equal(torch.ScalarType.Int64, ids.dtype);
            Assert.Equal(new long[] { 1, 26 }, ids.shape);
            var values = ids.data<long>().ToArray();
            Assert.Equal(320L, values[5]);
            Assert.Equal(45L, values[25]);
        }
    }

    [Fact]
    public void AShardedCheckpointLoadsEveryTensorAndConvertsBF16()
    {
        using var dir = new TempDirectory();
        WriteShardedCheckpoint(dir);

        using var checkpoint = Checkpoint.Open(dir.Path);

        Assert.Equal(dir.File("model.safetensors.index.json"), checkpoint.Path);
        Assert.Equal(new[] { "a", "b", "c", "d" }, checkpoint.Names.Order());
        using var a = checkpoint.LoadTensor("a");
        using var b = checkpoint.LoadTensor("b");
        using var c = checkpoint.LoadTensor("c");
        using var d = checkpoint.LoadTensor("d");
        Assert.Equal(torch.ScalarType.Float32, a.dtype);
        Assert.Equal(torch.ScalarType.BFloat16, b.dtype);
        Assert.Equal(torch.ScalarType.Int64, c.dtype);
        Assert.Equal(torch.ScalarType.Float16, d.dtype);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, a.data<float>().ToArray());
        Assert.Equal(new long[] { 2, 3 }, a.shape);
        Assert.Equal(new long[] { -7, 1L << 40 }, c.data<long>().ToArray());

        using var b32 = checkpoint.LoadTensor("b", torch.ScalarType.Float32);
        Assert.Equal(torch.ScalarType.Float32, b32.dtype);
        Assert.Equal(new long[] { 2, 2 }, b32.shape);
        Assert.Equal(new[] { 1.5f, -2f, 0.15625f, 65536f }, b32.data<float>().ToArray());
        using var d32 = checkpoint.LoadTensor("d", torch.ScalarType.Float32);
        Assert.Equal(new[] { 0.5f, -3f, 1024f }, d32.data<float>().ToArray());
    }

    [Fact]
    public void AMissingTensorInAShardedCheckpointNamesTheTensorAndTheIndex()
    {
        using var dir = new TempDirectory();
        WriteShardedCheckpoint(dir);
        using var checkpoint = Checkpoint.Open(dir.Path);

        var error = Assert.Throws<SafeTensorsException>(() => checkpoint.LoadTensor("lm_head.weight"));
        Assert.Contains("'lm_head.weight'", error.Message);
        Assert.Contains("model.safetensors.index.json", error.Message);
        Assert.Throws<SafeTensorsException>(() => checkpoint.Info("lm_head.weight"));
    }

    [Fact]
    public void AMissingTensorInASingleFileNamesTheTensorAndTheFile()
    {
        using var checkpoint = Checkpoint.Open(TestPaths.TinyLlava);

        var error = Assert.Throws<SafeTensorsException>(() => checkpoint.LoadTensor("language_model.lm_head.weight"));
        Assert.Contains("'language_model.lm_head.weight'", error.Message);
        Assert.Contains("model.safetensors", error.Message);
    }

    [Fact]
    public void AShardNamedInTheIndexThatDoesNotExistIsRejected()
    {
        using var dir = new TempDirectory();
        WriteShardedCheckpoint(dir);
        File.Delete(dir.File("model-00002-of-00002.safetensors"));

        var error = Assert.Throws<SafeTensorsException>(() => Checkpoint.Open(dir.Path));
        Assert.Contains("model.safetensors.index.json", error.Message);
        Assert.Contains("model-00002-of-00002.safetensors", error.Message);
    }

    [Fact]
    public void AnIndexEntryWhoseShardLacksTheTensorIsRejected()
    {
        using var dir = new TempDirectory();
        WriteShardedCheckpoint(dir, extraEntry: ("ghost", "model-00001-of-00002.safetensors"));

        var error = Assert.Throws<SafeTensorsException>(() => Checkpoint.Open(dir.Path));
        Assert.Contains("'ghost'", error.Message);
        Assert.Contains("model-00001-of-00002.safetensors", error.Message);
    }

    [Theory]
    [InlineData("""{"weight_map": {"a": "../model-00001-of-00002.safetensors"}}""", "not a file name")]
    [InlineData("""{"weight_map": {"a": "/etc/passwd"}}""", "not a file name")]
    [InlineData("""{"weight_map": {"a": 3}}""", "not a file name")]
    [InlineData("""{"metadata": {}}""", "weight_map")]
    [InlineData("""{"weight_map": """, "not valid JSON")]
    public void AMalformedIndexIsRejected(string index, string fragment)
    {
        using var dir = new TempDirectory();
        WriteShardedCheckpoint(dir);
        File.WriteAllText(dir.File("model.safetensors.index.json"), index);

        var error = Assert.Throws<SafeTensorsException>(() => Checkpoint.Open(dir.Path));
        Assert.Contains("model.safetensors.index.json", error.Message);
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void ADirectoryWithoutWeightsOrAMissingPathIsRejected()
    {
        using var dir = new TempDirectory();

        var empty = Assert.Throws<SafeTensorsException>(() => Checkpoint.Open(dir.Path));
        Assert.Contains(dir.Path, empty.Message);
        Assert.Contains("model.safetensors.index.json", empty.Message);

        var missing = Assert.Throws<SafeTensorsException>(() => Checkpoint.Open(dir.File("nothing.safetensors")));
        Assert.Contains("nothing.safetensors", missing.Message);
    }

    [Fact]
    public void ACorruptShardIsReportedByItsOwnName()
    {
        using var dir = new TempDirectory();
        WriteShardedCheckpoint(dir);
        File.WriteAllBytes(dir.File("model-00002-of-00002.safetensors"), [0, 1, 2]);

        var error = Assert.Throws<SafeTensorsException>(() => Checkpoint.Open(dir.Path));
        Assert.Contains("model-00002-of-00002.safetensors", error.Message);
    }

    /// <summary>
    /// Two shards and an index: a (F32 [2,3]) and b (BF16 [2,2]) in the first, c (I64 [2]) and d (F16 [3]) in the second.
    /// </summary>
    private static void WriteShardedCheckpoint(TempDirectory dir, (string Name, string Shard)? extraEntry = null)
    {
        const string first = "model-00001-of-00002.safetensors", second = "model-00002-of-00002.safetensors";
        using var a = torch.tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });
        using var b32 = torch.tensor(new[] { 1.5f, -2f, 0.15625f, 65536f }, new long[] { 2, 2 });
        using var b = b32.to_type(torch.ScalarType.BFloat16);
        SafeTensorsWriter.Write(dir.File(first), [("a", a), ("b", b)]);
        using var c = torch.tensor(new long[] { -7, 1L << 40 });
        using var d32 = torch.tensor(new[] { 0.5f, -3f, 1024f });
        using var d = d32.to_type(torch.ScalarType.Float16);
        SafeTensorsWriter.Write(dir.File(second), [("c", c), ("d", d)]);

        var map = new Dictionary<string, string> { ["a"] = first, ["b"] = first, ["c"] = second, ["d"] = second };
        if (extraEntry is { } extra)
        {
            map[extra.Name] = extra.Shard;
        }
        var index = new { metadata = new { total_size = 6 * 4 + 4 * 2 + 2 * 8 + 3 * 2 }, weight_map = map };
        File.WriteAllText(dir.File("model.safetensors.index.json"), System.Text.Json.JsonSerializer.Serialize(index));
    }
}
