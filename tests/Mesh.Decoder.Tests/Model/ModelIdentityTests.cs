using Mesh.Contracts.Decoder.V1;
using Mesh.TestKit;

namespace Mesh.Decoder.Tests.Model;

/// <summary>The decoder names its model by content, so contexts move between copies of one model but not between models.</summary>
public sealed class ModelIdentityTests(DecoderHost host) : IClassFixture<DecoderHost>, IDisposable
{
    readonly DirectoryInfo _copy = Directory.CreateTempSubdirectory("mesh-decoder-copy-");

    public void Dispose() => _copy.Delete(recursive: true);

    [Fact]
    public async Task ACopyOfTheModelUnderAnotherNameServesTheSameModelId()
    {
        var renamed = _copy.CreateSubdirectory("renamed-llava");
        foreach (var file in Directory.GetFiles(TinyLlava.Directory))
            File.Copy(file, Path.Combine(renamed.FullName, Path.GetFileName(file)));
        var original = await host.Client.GetModelInfoAsync(new GetModelInfoRequest());

        await using var copy = await DecoderHost.StartReadyAsync(new Dictionary<string, string?> { ["Decoder:ModelDirectory"] = renamed.FullName });
        var info = await new Contracts.Decoder.V1.Decoder.DecoderClient(copy.Channel).GetModelInfoAsync(new GetModelInfoRequest());

        Assert.Matches("^[0-9a-f]{64}$", info.ModelId);
        Assert.Equal(original.ModelId, info.ModelId);
        Assert.Equal(("tiny-llava", "renamed-llava"), (original.ModelName, info.ModelName));
    }
}
