using Mesh.ServiceDefaults;
using Mesh.TestKit;
using Microsoft.Extensions.Options;

namespace Mesh.ServiceDefaults.Tests;

/// <summary>A host with nothing but the service defaults: what every service starts from.</summary>
internal static class DefaultsHost
{
    public static Task<ServiceHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        ServiceHost.StartAsync(builder => builder.AddServiceDefaults(), app => app.MapDefaultEndpoints(), settings);

    /// <summary>Asserts that the host refuses to start with <paramref name="settings"/>, naming <paramref name="messagePart"/>.</summary>
    public static async Task AssertRefusedOnStartAsync(string messagePart, params (string Key, string Value)[] settings)
    {
        var values = settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(values));
        Assert.Contains(messagePart, error.Message);
    }
}
