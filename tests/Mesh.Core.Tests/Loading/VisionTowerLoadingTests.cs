using Mesh.Core.Loading;
using Mesh.Core.Vision;

namespace Mesh.Core.Tests.Loading;

/// <summary>A model whose images are encoded elsewhere loads without its vision tower.</summary>
public sealed class VisionTowerLoadingTests
{
    [Fact]
    public void WithoutTheVisionTowerNeitherVisionOnnxNorItsPreprocessingIsRead()
    {
        using var dir = new TempDirectory();
        foreach (var file in new[] { "config.json", "generation_config.json", "model.safetensors" })
            File.Copy(Path.Combine(TestPaths.TinyLlava, file), dir.File(file));

        using var model = VisionLanguageModel.Load(dir.Path, new ModelLoadOptions { Device = ExecutionDevice.Cpu, LoadVision = false });

        Assert.True(model.Config.IsMultimodal);
        Assert.Null(model.Vision);
        Assert.Null(model.Preprocessor);
        Assert.Equal(model.Config.ImageSeqLength, model.BuildVerbatimPrompt("1 17 <image> 12").ImageTokenCount);
    }

    [Fact]
    public void ByDefaultAMultimodalModelLoadsItsVisionTower()
    {
        using var model = VisionLanguageModel.Load(TestPaths.TinyLlava, new ModelLoadOptions { Device = ExecutionDevice.Cpu });

        Assert.NotNull(model.Vision);
        Assert.NotNull(model.Preprocessor);
    }
}
