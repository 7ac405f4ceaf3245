using Mesh.ServiceDefaults;
using Mesh.ServiceDefaults.Health;
using Mesh.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mesh.Gateway.Tests.TestHosts;

/// <summary>
/// A real service host on 127.0.0.1 with free ports, built like every Mesh service (ServiceDefaults first), serving
/// the <see cref="TestDecoder"/> double; ready as soon as it has started.
/// </summary>
public sealed class TestReplica : IAsyncDisposable
{
    readonly WebApplication _app;
    bool _stopped;

    TestReplica(WebApplication app, string name)
    {
        _app = app;
        Calls = app.Services.GetRequiredService<ReplicaCalls>();
        var endpoints = app.Services.GetRequiredService<MeshEndpoints>();
        GrpcAddress = endpoints.GrpcAddress;
        ManagementAddress = endpoints.ManagementAddress;
        Name = name;
    }

    /// <summary>The replica's name (its model id in <c>GetModelInfo</c>).</summary>
    public string Name { get; }

    /// <summary>Calls it has served.</summary>
    public ReplicaCalls Calls { get; }

    /// <summary>Its gRPC (HTTP/2) address.</summary>
    public Uri GrpcAddress { get; }

    /// <summary>Its management (health) address.</summary>
    public Uri ManagementAddress { get; }

    /// <summary>Starts a replica named <paramref name="name"/>.</summary>
    public static async Task<TestReplica> StartAsync(string name)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Endpoints:Host"] = "127.0.0.1",
            ["Endpoints:GrpcPort"] = "0",
            ["Endpoints:ManagementPort"] = "0",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDefaults();
        builder.Services.AddSingleton(new ReplicaCalls(name));

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGrpcService<TestDecoder>();
        await app.StartAsync();
        app.Services.GetRequiredService<ServiceReadiness>().MarkReady("test double");
        return new TestReplica(app, name);
    }

    /// <summary>Stops the host, as a killed replica: its ports stop answering.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _app.StopAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}
