using Mesh.Cli.Commands;

namespace Mesh.Cli.Tests.Commands;

/// <summary>A mistyped address gets one line naming the option and an example, never a stack trace.</summary>
public sealed class AddressOptionTests
{
    [Theory]
    [InlineData("ask", "ctx", "what colour", "--address", "notaurl")]
    [InlineData("compress", "image.png", "--address", "localhost:5000")]
    [InlineData("judge", "--reference", "a circle", "--candidate", "a square", "--server", "ftp://host")]
    public async Task ABadAddressIsOneLineNamingTheOption(params string[] args)
    {
        var (exitCode, output) = await MeshCli.RunAsync(args);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"{args[^2]} '{args[^1]}' is not an http or https URL; give one such as http://127.0.0.1:5000", output);
        Assert.DoesNotContain("Exception", output);
        Assert.DoesNotContain(" at ", output);
        Assert.DoesNotContain("Usage:", output);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("https://mesh.example.com")]
    public void UrlsAreAddresses(string address) => Assert.Null(AddressOption.Problem("--address", address));
}
