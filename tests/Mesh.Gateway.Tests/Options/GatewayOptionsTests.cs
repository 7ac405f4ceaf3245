using System.ComponentModel.DataAnnotations;
using Mesh.Gateway.Options;
using Mesh.Gateway.Tests.TestHosts;
using Microsoft.Extensions.Options;

namespace Mesh.Gateway.Tests.Options;

public sealed class GatewayOptionsTests
{
    [Fact]
    public void DefaultsAreValid() => Assert.Empty(Errors(new GatewayOptions()));

    [Fact]
    public void AnUnknownServiceIsRefusedListingTheKnownOnes()
    {
        var options = new GatewayOptions { Services = { ["decodr"] = [new ReplicaOptions { Grpc = "http://127.0.0.1:1", Management = "http://127.0.0.1:2" }] } };

        var error = Assert.Single(Errors(options));
        Assert.Contains("Gateway:Services:decodr", error);
        Assert.Contains("decoder", error);
    }

    [Theory]
    [InlineData("127.0.0.1:5020", "http://127.0.0.1:5021", "Gateway:Services:decoder:0:Grpc")]
    [InlineData("http://127.0.0.1:5020", "", "Gateway:Services:decoder:0:Management")]
    [InlineData("unix:/tmp/socket", "http://127.0.0.1:5021", "Gateway:Services:decoder:0:Grpc")]
    public void ReplicaAddressesMustBeAbsoluteHttpAddresses(string grpc, string management, string key)
    {
        var options = new GatewayOptions { Services = { ["decoder"] = [new ReplicaOptions { Grpc = grpc, Management = management }] } };

        Assert.Contains(Errors(options), e => e.StartsWith(key));
    }

    [Fact]
    public void AProbeTimeoutLongerThanTheIntervalIsRefused()
    {
        var options = new GatewayOptions { HealthChecks = new HealthCheckOptions { Interval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(2) } };

        Assert.Contains(Errors(options), e => e.Contains("Gateway:HealthChecks:Timeout"));
    }

    [Fact]
    public void BrowserOriginsMustBeOrigins()
    {
        var options = new GatewayOptions { BrowserOrigins = ["http://localhost:8080", "http://localhost:8080/app"] };

        var error = Assert.Single(Errors(options));
        Assert.Contains("http://localhost:8080/app", error);
    }

    [Fact]
    public async Task TheGatewayDoesNotStartWithInvalidOptions()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestGateway.StartAsync([], new Dictionary<string, string?>
        {
            ["Gateway:Services:nope:0:Grpc"] = "http://127.0.0.1:1",
            ["Gateway:Services:nope:0:Management"] = "http://127.0.0.1:2",
        }));

        Assert.Contains("Gateway:Services:nope is not a service of the mesh", error.Message);
    }

    internal static List<string> Errors(object options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage!).ToList();
    }
}
