using System.Net;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Mesh.Gateway.Hosting;
using Mesh.ServiceDefaults;
using Mesh.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Mesh.Gateway.Tests.TestHosts;

/// <summary>
/// The real gateway (Program.cs's four calls) on 127.0.0.1 with free ports and in-memory configuration, in front of
/// test replicas of the decoder. Health probes run every 200 ms so a stopped replica is noticed quickly.
/// </summary>
public sealed class TestGateway : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly List<GrpcChannel> _channels = [];

    TestGateway(WebApplication app)
    {
        _app = app;
        var endpoints = app.Services.GetRequiredService<MeshEndpoints>();
        GrpcAddress = endpoints.GrpcAddress;
        ManagementAddress = endpoints.ManagementAddress;
        WebAddress = app.Services.GetRequiredService<GatewayWebEndpoint>().Address;
        Web = new HttpClient { BaseAddress = WebAddress };
    }

    /// <summary>Native gRPC (HTTP/2 cleartext) address.</summary>
    public Uri GrpcAddress { get; }

    /// <summary>Management (health, metrics) address.</summary>
    public Uri ManagementAddress { get; }

    /// <summary>HTTP/1.1 address for gRPC-Web and JSON.</summary>
    public Uri WebAddress { get; }

    /// <summary>A client of the web endpoint (JSON calls).</summary>
    public HttpClient Web { get; }

    /// <summary>Starts a gateway whose decoder cluster is <paramref name="decoders"/>; <paramref name="settings"/> add to or override the defaults.</summary>
    public static async Task<TestGateway> StartAsync(IEnumerable<TestReplica> decoders, IDictionary<string, string?>? settings = null)
    {
        var config = new Dictionary<string, string?>
        {
            ["Endpoints:Host"] = "127.0.0.1",
            ["Endpoints:GrpcPort"] = "0",
            ["Endpoints:ManagementPort"] = "0",
            ["Gateway:WebPort"] = "0",
            ["Gateway:DefaultReplicas"] = "false",
            ["Gateway:HealthChecks:Interval"] = "00:00:00.2",
            ["Gateway:HealthChecks:Timeout"] = "00:00:00.2",
            ["Gateway:HealthChecks:UnhealthyAfter"] = "1",
        };
        int index = 0;
        foreach (var replica in decoders)
        {
            config[$"Gateway:Services:decoder:{index}:Grpc"] = replica.GrpcAddress.ToString();
            config[$"Gateway:Services:decoder:{index++}:Management"] = replica.ManagementAddress.ToString();
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDefaults();
        builder.AddGateway();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGateway();
        await app.StartAsync();
        return new TestGateway(app);
    }

    /// <summary>A native gRPC channel to the gateway.</summary>
    public GrpcChannel GrpcChannel() => Track(Grpc.Net.Client.GrpcChannel.ForAddress(GrpcAddress));

    /// <summary>A gRPC-Web channel to the gateway's web endpoint over HTTP/1.1, as a browser would call.</summary>
    public GrpcChannel GrpcWebChannel() => Track(Grpc.Net.Client.GrpcChannel.ForAddress(WebAddress, new GrpcChannelOptions
    {
        HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, new HttpClientHandler()),
        HttpVersion = HttpVersion.Version11,
        HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    }));

    /// <summary>A service of the gateway's host.</summary>
    public T Service<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Waits until YARP's view of <paramref name="destinationId"/> (e.g. <c>decoder/1</c>) satisfies <paramref name="condition"/>.</summary>
    public async Task WaitForDestinationAsync(string destinationId, Func<DestinationHealthState, bool> condition, TimeSpan timeout)
    {
        var cluster = destinationId.Split('/')[0];
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            Service<IProxyStateLookup>().TryGetCluster(cluster, out var state);
            var destination = state?.Destinations.GetValueOrDefault(destinationId);
            if (destination is not null && condition(destination.Health)) return;
            if (cancel.IsCancellationRequested)
                throw new TimeoutException($"{destinationId} did not reach the expected health within {timeout} (active {destination?.Health.Active}, passive {destination?.Health.Passive}).");
            await Task.Delay(50);
        }
    }

    GrpcChannel Track(GrpcChannel channel)
    {
        _channels.Add(channel);
        return channel;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels) channel.Dispose();
        Web.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
