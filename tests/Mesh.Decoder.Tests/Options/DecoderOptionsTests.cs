using System.Runtime.CompilerServices;
using Mesh.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mesh.Decoder.Tests.Options;

/// <summary>The decoder's options are immutable once bound, and take the catalog's addresses where their own are empty.</summary>
public sealed class DecoderOptionsTests
{
    [Fact]
    public void EverySettingIsInitOnly()
    {
        var mutable = typeof(DecoderOptions).GetProperties()
            .Where(p => p.SetMethod is { } set && !set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
            .Select(p => p.Name);

        Assert.Empty(mutable);
    }

    [Fact]
    public void EmptyAddressesComeFromTheCatalogAndGivenOnesWin()
    {
        var options = Bind(new()
        {
            [ServiceConventions.AddressKey(MeshServices.VisionEncoder)] = "http://vision:5010",
            [ServiceConventions.AddressKey(MeshServices.ContextStore)] = "http://store:5020",
            ["Decoder:ContextStoreAddress"] = "http://mine:7000",
            ["Decoder:DefaultMaxTokens"] = "7",
        });

        Assert.Equal(("http://vision:5010", "http://mine:7000", 7), (options.VisionEncoderAddress, options.ContextStoreAddress, options.DefaultMaxTokens));
    }

    [Fact]
    public void WithoutEitherTheAddressesStayEmpty()
    {
        var options = Bind(new() { ["Decoder:VisionEncoderAddress"] = "" });

        Assert.True(string.IsNullOrEmpty(options.VisionEncoderAddress));
        Assert.Null(options.ContextStoreAddress);
    }

    static DecoderOptions Bind(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddDecoder();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<DecoderOptions>>().Value;
    }
}
