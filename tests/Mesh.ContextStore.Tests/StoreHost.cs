using Mesh.ContextStore.Grpc;
using Mesh.ContextStore.Storage;
using Mesh.ContextStore.Storage.Embedded;
using Mesh.ServiceDefaults;
using Mesh.ServiceDefaults.Health;
using Mesh.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using static Mesh.Contracts.ContextStore.V1.ContextStore;

namespace Mesh.ContextStore.Tests;

/// <summary>The context-store service in-process on loopback (Program.cs's calls), configured from memory.</summary>
public sealed class StoreHost : IAsyncDisposable
{
    StoreHost(ServiceHost host)
    {
        Host = host;
        Client = new ContextStoreClient(host.Channel);
    }

    public ServiceHost Host { get; }
    public ContextStoreClient Client { get; }

    /// <summary>The embedded backend of an embedded host.</summary>
    public EmbeddedBackend Embedded => (EmbeddedBackend)Host.Get<IContextBackend>();

    /// <summary>
    /// An embedded store in <paramref name="dataDirectory"/>, ready; <paramref name="settings"/> add to or override the defaults,
    /// and <paramref name="time"/> replaces the system clock.
    /// </summary>
    public static Task<StoreHost> EmbeddedAsync(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null) =>
        StartAsync(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["ContextStore:DataDirectory"] = dataDirectory }, time: time);

    /// <summary>A store from <paramref name="settings"/> on <paramref name="time"/> (default: the system clock); waits until it is ready unless told not to.</summary>
    public static async Task<StoreHost> StartAsync(IReadOnlyDictionary<string, string?> settings, bool waitUntilReady = true, TimeProvider? time = null)
    {
        var host = await ServiceHost.StartAsync(b =>
                                                {
                                                    b.AddServiceDefaults();
                                                    if (time is not null) b.Services.AddSingleton(time);
                                                    b.AddContextStore();
                                                },
                                                app => { app.MapDefaultEndpoints(); app.MapGrpcService<ContextStoreService>(); }, settings);
        if (waitUntilReady)
        {
            var readiness = host.Get<ServiceReadiness>();
            await Polling.UntilAsync(() => readiness.IsReady, "the context store has loaded");
        }
        return new StoreHost(host);
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
