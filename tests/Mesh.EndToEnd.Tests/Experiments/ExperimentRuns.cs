using System.Globalization;
using Grpc.Net.Client;
using Mesh.Contracts.Decoder.V1;
using Mesh.Experiments;
using Mesh.Shapes.Scenes;

namespace Mesh.EndToEnd.Tests.Experiments;

/// <summary>
/// One experiment test's runs: <see cref="Scenes"/> test-split scenes against a <see cref="ShapesMesh"/>, 24 tokens a
/// description, into a temporary folder; first fresh, then resumed, checking what every experiment must write.
/// </summary>
public sealed class ExperimentRuns(ShapesMesh mesh) : IDisposable
{
    public const int Scenes = 2;
    static readonly byte[] PngSignature = [137, 80, 78, 71, 13, 10, 26, 10];
    readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("mesh-experiment-");
    readonly GrpcChannel _channel = GrpcChannel.ForAddress($"http://{mesh.Address}");

    ExperimentOptions Options(bool resume) =>
        new($"http://{mesh.Address}", ApiKey: null, SceneSplit.Test, Start: 0, Scenes, _output, MaxTokens: 24, resume);

    /// <summary>The served model's shapes, as the experiments see them through the gateway.</summary>
    public async Task<ModelInfo> ModelInfoAsync() => await Decoder().GetModelInfoAsync(new GetModelInfoRequest());

    /// <summary>A decoder client through the gateway (its channel lives as long as this object).</summary>
    public Contracts.Decoder.V1.Decoder.DecoderClient Decoder() => new(_channel);

    /// <summary>
    /// Runs <paramref name="run"/> fresh and then resumed. Asserts that the fresh run computed every scene and wrote
    /// <c>name.csv</c> with <paramref name="header"/>, <c>name.md</c> with the same columns, a saved result per scene and
    /// the <paramref name="plots"/> as PNG; and that the resumed run reused every scene and wrote the same CSV.
    /// Returns the CSV's rows below the header, split into cells.
    /// </summary>
    public async Task<string[][]> RunTwiceAsync(Func<ExperimentOptions, Task<ExperimentReport>> run, string name, string[] header, params string[] plots)
    {
        var fresh = await run(Options(resume: false));
        string folder = Path.Combine(_output.FullName, name), csv = Path.Combine(folder, name + ".csv"), md = Path.Combine(folder, name + ".md");
        Assert.Equal(0, fresh.ScenesReused);
        Assert.Equal([csv, md, .. plots.Select(p => Path.Combine(folder, p))], fresh.Files);
        Assert.Equal(Scenes, Directory.GetFiles(Path.Combine(folder, "scenes"), "*.json").Length);
        foreach (var plot in plots)
            Assert.Equal(PngSignature, File.ReadAllBytes(Path.Combine(folder, plot))[..PngSignature.Length]);
        string[] lines = File.ReadAllLines(csv);
        Assert.Equal(string.Join(',', header), lines[0]);
        Assert.Equal("| " + string.Join(" | ", header) + " |", File.ReadLines(md).First());
        Assert.Equal(lines.Length + 1, File.ReadLines(md).TakeWhile(l => l.StartsWith('|')).Count());   // header, rule, one line a row

        var resumed = await run(Options(resume: true));
        Assert.Equal(Scenes, resumed.ScenesReused);
        Assert.Equal(lines, File.ReadAllLines(csv));
        return [.. lines[1..].Select(l => l.Split(','))];
    }

    /// <summary>A numeric cell of the CSV.</summary>
    public static double Number(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _channel.Dispose();
        _output.Delete(recursive: true);
    }
}
