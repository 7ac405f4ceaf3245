using Grpc.Core;
using Mesh.Contracts.Decoder.V1;
using Mesh.Decoder;
using Mesh.Decoder.Grpc;
using Mesh.ServiceDefaults;
using Mesh.ServiceDefaults.Health;
using Mesh.TestKit;
using Microsoft.AspNetCore.Builder;

namespace Mesh.Decoder.Tests;

/// <summary>The decoder service on loopback over the tiny-llava parity model, ready before tests run.</summary>
public sealed class DecoderHost : IAsyncLifetime
{
    public ServiceHost Host { get; private set; } = null!;
    public Contracts.Decoder.V1.Decoder.DecoderClient Client { get; private set; } = null!;

    static IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Decoder:ModelDirectory"] = TinyLlava.Directory,
        ["Decoder:Queue:MaxConcurrency"] = "1",
        ["Decoder:Queue:MaxWaiting"] = "0",
    };

    public async Task InitializeAsync()
    {
        Host = await StartReadyAsync(Settings);
        Client = new Contracts.Decoder.V1.Decoder.DecoderClient(Host.Channel);
    }

    /// <summary>A decoder configured by <paramref name="settings"/>, started and with its model loaded.</summary>
    public static async Task<ServiceHost> StartReadyAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var host = await ServiceHost.StartAsync(b => { b.AddServiceDefaults(); b.AddDecoder(); },
                                                app => { app.MapDefaultEndpoints(); app.MapGrpcService<DecoderService>(); }, settings);
        var readiness = host.Get<ServiceReadiness>();
        await Polling.UntilAsync(() => readiness.IsReady, "the decoder model is loaded", TimeSpan.FromSeconds(60));
        return host;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>All events of one Generate call.</summary>
    public async Task<List<GenerateEvent>> GenerateAsync(GenerateRequest request, CancellationToken cancellationToken = default)
    {
        using var call = Client.Generate(request, cancellationToken: cancellationToken);
        var events = new List<GenerateEvent>();
        await foreach (var e in call.ResponseStream.ReadAllAsync(cancellationToken)) events.Add(e);
        return events;
    }
}
