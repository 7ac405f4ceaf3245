using Mesh.Gateway.Options;
using static Mesh.Gateway.Tests.Options.GatewayOptionsTests;

namespace Mesh.Gateway.Tests.Options;

public sealed class ApiKeyOptionsTests
{
    [Fact]
    public void Keys_are_off_by_default() => Assert.False(new ApiKeyOptions().Enabled);

    [Fact]
    public void Keys_on_without_any_key_is_refused()
    {
        var error = Assert.Single(Errors(new ApiKeyOptions { Enabled = true }));
        Assert.Contains("Gateway__ApiKeys__Keys__NAME", error);
    }

    [Fact]
    public void Short_keys_are_refused_by_name()
    {
        var error = Assert.Single(Errors(new ApiKeyOptions { Enabled = true, Keys = { ["ci"] = "short" } }));
        Assert.Contains("Gateway:ApiKeys:Keys:ci", error);
        Assert.Contains($"{ApiKeyOptions.MinimumKeyLength}", error);
    }

    [Fact]
    public void Two_clients_sharing_a_key_are_refused()
    {
        var options = new ApiKeyOptions { Enabled = true, Keys = { ["a"] = "same-key-0123456789abcdef", ["b"] = "same-key-0123456789abcdef" } };

        var error = Assert.Single(Errors(options));
        Assert.Contains("a, b", error);
    }
}
