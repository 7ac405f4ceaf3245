using Mesh.Core.Loading;

namespace Mesh.Core.Tests.Loading;

public sealed class ModelIdentityTests : IDisposable
{
    readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void TwoCopiesOfOneModelInDifferentlyNamedFoldersShareTheIdentity()
    {
        string first = Copy(TestPaths.TinyLlava, "tiny-llava"), second = Copy(TestPaths.TinyLlava, "someone-elses-name");

        string id = ModelIdentity.Of(first);

        Assert.Matches("^[0-9a-f]{64}$", id);
        Assert.Equal(id, ModelIdentity.Of(second));
        Assert.Equal(id, ModelIdentity.Of(TestPaths.TinyLlava));
    }

    [Theory]
    [InlineData("model.safetensors")]
    [InlineData("vision.onnx")]
    [InlineData("config.json")]
    public void OneChangedByteInAWeightOrTheConfigChangesTheIdentity(string file)
    {
        string copy = Copy(TestPaths.TinyLlava, "copy");
        string before = ModelIdentity.Of(copy);

        FlipLastByte(Path.Combine(copy, file));

        Assert.NotEqual(before, ModelIdentity.Of(copy));
    }

    [Fact]
    public void FilesBesideTheModelDoNotChangeIt()
    {
        string copy = Copy(TestPaths.TinyLlava, "copy");
        string before = ModelIdentity.Of(copy);

        File.WriteAllText(Path.Combine(copy, "README.md"), "notes");
        FlipLastByte(Path.Combine(copy, "reference.safetensors"));   // a parity fixture, not the model's weights

        Assert.Equal(before, ModelIdentity.Of(copy));
        Assert.Equal(["config.json", "model.safetensors", "vision.onnx"], ModelIdentity.Files(copy).Select(Path.GetFileName));
    }

    [Fact]
    public void EveryShardOfAShardedCheckpointCounts()
    {
        var dir = Directory.CreateDirectory(_temp.File("sharded")).FullName;
        File.WriteAllText(Path.Combine(dir, "config.json"), "{}");
        File.WriteAllText(Path.Combine(dir, "model.safetensors.index.json"),
            """{"weight_map": {"a": "model-00002-of-00002.safetensors", "b": "model-00001-of-00002.safetensors"}}""");
        File.WriteAllBytes(Path.Combine(dir, "model-00001-of-00002.safetensors"), [1, 2, 3]);
        File.WriteAllBytes(Path.Combine(dir, "model-00002-of-00002.safetensors"), [4, 5, 6]);
        string before = ModelIdentity.Of(dir);

        FlipLastByte(Path.Combine(dir, "model-00002-of-00002.safetensors"));

        Assert.NotEqual(before, ModelIdentity.Of(dir));
        Assert.Equal(["config.json", "model.safetensors.index.json", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"],
                     ModelIdentity.Files(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void AMissingConfigIsAModelLoadError()
    {
        var dir = Directory.CreateDirectory(_temp.File("empty")).FullName;

        Assert.Contains("config.json", Assert.Throws<ModelLoadException>(() => ModelIdentity.Of(dir)).Message);
    }

    string Copy(string source, string name)
    {
        var target = Directory.CreateDirectory(_temp.File(name)).FullName;
        foreach (var file in Directory.GetFiles(source))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return target;
    }

    static void FlipLastByte(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
    }
}
