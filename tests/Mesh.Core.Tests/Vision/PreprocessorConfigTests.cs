using Mesh.Core.Vision;

namespace Mesh.Core.Tests.Vision;

public class PreprocessorConfigTests
{
    [Fact]
    public void LoadsTheFixtureConfig()
    {
        var config = PreprocessorConfig.Load(Path.Combine(TestPaths.TinyLlava, "preprocessor_config.json"));
        Assert.Equal(32, config.ShortestEdge);
        Assert.Equal((32, 32), (config.CropHeight, config.CropWidth));
        Assert.Equal(3, config.Resample);
        Assert.Equal(0.48145466, config.Mean[0]);
        Assert.Equal(0.27577711, config.Std[2]);
        Assert.True(config.DoConvertRgb && config.DoNormalize && config.DoRescale && config.DoCenterCrop);
    }

    [Fact]
    public void MissingKeysTakeClipDefaultsAndIntCropSizeIsSquare()
    {
        var config = PreprocessorConfig.Parse("""{"crop_size": 336, "size": {"height": 300, "width": 400}}""");
        Assert.Equal((336, 336), (config.CropHeight, config.CropWidth));
        Assert.Null(config.ShortestEdge);
        Assert.Equal((300, 400), (config.ResizeHeight, config.ResizeWidth));
        Assert.Equal(PreprocessorConfig.ClipMean, config.Mean);
        Assert.Equal(1.0 / 255.0, config.RescaleFactor);
    }

    [Fact]
    public void UnsupportedResampleIsRejected() =>
        Assert.Throws<ArgumentException>(() => PreprocessorConfig.Parse("""{"resample": 2}"""));
}
