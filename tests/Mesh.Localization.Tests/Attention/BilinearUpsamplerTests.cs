using Mesh.Core.Interp;
using Mesh.Localization.Attention;

namespace Mesh.Localization.Tests.Attention;

public class BilinearUpsamplerTests
{
    [Fact]
    public void MatchesHalfPixelCentredInterpolation()
    {
        // torch.nn.functional.interpolate(torch.tensor([[[[0., 1.], [2., 3.]]]]), size=(4, 4), mode="bilinear",
        // align_corners=False) gives these rows (edges clamp, inner pixels blend by quarters).
        float[] expected =
        [
            0.00f, 0.25f, 0.75f, 1.00f,
            0.50f, 0.75f, 1.25f, 1.50f,
            1.50f, 1.75f, 2.25f, 2.50f,
            2.00f, 2.25f, 2.75f, 3.00f,
        ];
        var resized = BilinearUpsampler.Resize([0, 1, 2, 3], new ImageGrid(2, 2), 4, 4);
        Assert.Equal(expected, resized);
    }

    [Fact]
    public void TheSameSizeIsTheIdentity()
    {
        float[] map = [1, 5, 2, 7, 3, 9];
        Assert.Equal(map, BilinearUpsampler.Resize(map, new ImageGrid(2, 3), 2, 3));
    }

    [Fact]
    public void AMapOfTheWrongSizeIsRefused() =>
        Assert.Contains("a 2x2 grid needs 4", Assert.Throws<ArgumentException>(() => BilinearUpsampler.Resize([1, 2, 3], new ImageGrid(2, 2), 4, 4)).Message);
}
