using Mesh.Shapes.Scenes;

namespace Mesh.Shapes.Tests.Scenes;

public class SceneOptionsTests
{
    [Fact]
    public void DefaultsAreValid()
    {
        var options = new SceneOptions();
        options.Validate();
        Assert.Equal(64, options.ImageSize);
        Assert.Equal(0.42 * 64 / 3, options.RadiusPixels(ObjectSize.Large), 12);
    }

    public static TheoryData<SceneOptions, string> Invalid => new()
    {
        { new SceneOptions { ImageSize = 8 }, "ImageSize" },
        { new SceneOptions { MinObjects = 3, MaxObjects = 2 }, "MinObjects" },
        { new SceneOptions { MaxObjects = 10 }, "MaxObjects" },
        { new SceneOptions { SmallRadius = 0.45 }, "SmallRadius" },
        { new SceneOptions { LargeRadius = 0.5, Jitter = 0.2 }, "LargeRadius + Jitter" },
        { new SceneOptions { ImageSize = 24, SmallRadius = 0.2 }, "px across" },
        { new SceneOptions { BackgroundMax = 140, Noise = 20 }, "background" },
        { new SceneOptions { BackgroundMin = 10, Noise = 20 }, "background" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void OptionsOutOfRangeAreRefusedByName(SceneOptions options, string named)
    {
        var e = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains(named, e.Message);
        Assert.Throws<ArgumentException>(() => new SceneGenerator(options));
    }
}
