using Mesh.TestKit;
using Mesh.Core.Loading;
using Mesh.Core.Vision;
using Mesh.ServiceDefaults.Hosting;
using Mesh.VisionEncoder.Model;

namespace Mesh.VisionEncoder.Tests.Model;

public sealed class VisionModelTests : IDisposable
{
    readonly VisionModel _model = VisionModel.Load(TinyLlava.Directory, new VisionEncoderOptions(ExecutionDevice.Cpu), new ImageLimits());

    [Fact]
    public void KeysAreFullSha256DigestsOfTheImageUnderThisModel()
    {
        string key = _model.KeyFor(Images.Fixture);

        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.Equal(key, _model.KeyFor(Images.Fixture.ToArray()));
        var changed = Images.Fixture.ToArray();
        changed[^1] ^= 1;
        Assert.NotEqual(key, _model.KeyFor(changed));
        // The model identity is part of the key: the bare image digest is not.
        Assert.NotEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Images.Fixture)), key);
    }

    [Fact]
    public void TheGridAndShapesComeFromTheModel()
    {
        Assert.Equal("tiny-llava", _model.ModelId);
        Assert.Equal((4, 4, 16, 64), (_model.GridRows, _model.GridCols, _model.Tokens, _model.Dim));
        Assert.Equal(16 * 64, _model.Encode(Images.Fixture).Length);
    }

    [Fact]
    public void ADirectoryWithoutAModelIsRefused()
    {
        var empty = Directory.CreateTempSubdirectory("mesh-vision-");
        try
        {
            Assert.Throws<ModelConfigException>(() => VisionModel.Load(empty.FullName, new VisionEncoderOptions(ExecutionDevice.Cpu), new ImageLimits()));
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    public void Dispose() => _model.Dispose();
}
