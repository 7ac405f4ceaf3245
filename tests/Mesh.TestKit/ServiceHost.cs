using Grpc.Net.Client;
using Mesh.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mesh.TestKit;

/// <summary>
/// A service running in-process on real Kestrel at 127.0.0.1 with free ports (CONTRIBUTING.md habit 10), configured
/// from memory: the same <c>AddServiceDefaults</c> / <c>Map...</c> calls as the service's Program.cs.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    readonly WebApplication _app;

    ServiceHost(WebApplication app)
    {
        _app = app;
        var endpoints = app.Services.GetRequiredService<MeshEndpoints>();
        Channel = GrpcChannel.ForAddress(endpoints.GrpcAddress);
        Management = new HttpClient { BaseAddress = endpoints.ManagementAddress };
    }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The host's two endpoints, as bound.</summary>
    public MeshEndpoints Endpoints => _app.Services.GetRequiredService<MeshEndpoints>();

    /// <summary>A channel to the gRPC port.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>An HTTP/1.1 client for the management port (metrics, health).</summary>
    public HttpClient Management { get; }

    /// <summary>A service of the host.</summary>
    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>
    /// Builds a host with <paramref name="configure"/> (the service's Add calls), maps it with
    /// <paramref name="map"/>, and starts it. <paramref name="settings"/> override configuration.
    /// </summary>
    public static async Task<ServiceHost> StartAsync(
        Action<WebApplicationBuilder> configure, Action<WebApplication> map, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        var defaults = new Dictionary<string, string?>
        {
            ["Endpoints:Host"] = "127.0.0.1",
            ["Endpoints:GrpcPort"] = "0",
            ["Endpoints:ManagementPort"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        builder.Configuration.AddInMemoryCollection(defaults);
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        configure(builder);
        var app = builder.Build();
        map(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new ServiceHost(app);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        Management.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
