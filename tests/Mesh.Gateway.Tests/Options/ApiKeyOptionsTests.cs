using Mesh.Gateway.Options;
using static Mesh.Gateway.Tests.Options.GatewayOptionsTests;

namespace Mesh.Gateway.Tests.Options;

public sealed class ApiKeyOptionsTests
{
    [Fact]
    public void KeysAreOffByDefault() => Assert.False(new ApiKeyOptions().Enabled);

    [Fact]
    public void KeysOnWithoutAnyKeyIsRefused()
    {
        var error = Assert.Single(Errors(new ApiKeyOptions { Enabled = true }));
        Assert.Contains("Gateway__ApiKeys__Keys__NAME", error);
    }

    [Fact]
    public void ShortKeysAreRefusedByName()
    {
        var error = Assert.Single(Errors(new ApiKeyOptions { Enabled = true, Keys = { ["ci"] = "short" } }));
        Assert.Contains("Gateway:ApiKeys:Keys:ci", error);
        Assert.Contains($"{ApiKeyOptions.MinimumKeyLength}", error);
    }

    [Fact]
    public void TwoClientsSharingAKeyAreRefused()
    {
        var options = new ApiKeyOptions { Enabled = true, Keys = { ["a"] = "same-key-0123456789abcdef", ["b"] = "same-key-0123456789abcdef" } };

        var error = Assert.Single(Errors(options));
        Assert.Contains("a, b", error);
    }
}
