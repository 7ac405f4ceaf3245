namespace Mesh.Cli.Tests.Train;

/// <summary><c>mesh train</c> refuses to replace a model unless told to, before any step is taken.</summary>
public sealed class OverwriteTests : IDisposable
{
    readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("mesh-train-out-");

    public void Dispose() => _root.Delete(recursive: true);

    static readonly string[] Quick = ["--size", "tiny", "--steps", "2", "--warmup", "1", "--validate-every", "0", "--checkpoint-every", "1"];

    [Fact]
    public async Task TheDefaultOutputHoldingTheShippedModelIsRefused()
    {
        var model = _root.CreateSubdirectory(Path.Combine("models", "shapes-vlm"));
        string config = Path.Combine(model.FullName, "config.json");
        File.WriteAllText(config, "{\"shipped\": true}");

        var (exitCode, output) = await MeshCli.RunAsync(["train", .. Quick, "--checkpoint", Path.Combine(_root.FullName, "ck")], _root.FullName);

        Assert.Equal(2, exitCode);
        Assert.Contains("models/shapes-vlm already holds a model (config.json); pass --overwrite to replace it", output);
        Assert.Equal("{\"shipped\": true}", File.ReadAllText(config));
        Assert.False(Directory.Exists(Path.Combine(_root.FullName, "ck")), "nothing was trained");
    }

    [Fact]
    public async Task OverwriteReplacesIt()
    {
        var model = _root.CreateSubdirectory("mine");
        string config = Path.Combine(model.FullName, "config.json");
        File.WriteAllText(config, "{}");

        var (exitCode, output) = await MeshCli.RunAsync(["train", .. Quick, "--checkpoint", Path.Combine(_root.FullName, "ck"), "--out", model.FullName, "--overwrite"]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("\"model_type\"", File.ReadAllText(config));
    }
}
