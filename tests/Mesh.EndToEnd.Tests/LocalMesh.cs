using Mesh.Catalog;
using Mesh.ContextStore;
using Mesh.ContextStore.Grpc;
using Mesh.Decoder;
using Mesh.Decoder.Grpc;
using Mesh.Gateway;
using Mesh.Judge;
using Mesh.Judge.Grpc;
using Mesh.Segmentation;
using Mesh.Segmentation.Grpc;
using Mesh.ServiceDefaults;
using Mesh.ServiceDefaults.Health;
using Mesh.ServiceDefaults.Hosting;
using Mesh.TestKit;
using Mesh.VisionEncoder;
using Mesh.VisionEncoder.Grpc;
using Microsoft.AspNetCore.Builder;

namespace Mesh.EndToEnd.Tests;

/// <summary>
/// A mesh on loopback over <see cref="ModelDirectory"/> (the tiny-llava parity model unless a subclass says otherwise):
/// the vision encoder, the context store (embedded, in a temporary folder), <see cref="DecoderReplicas"/> decoder
/// replicas (each encoding images through the vision encoder and keeping contexts in the store, one request at a time,
/// none waiting), with <see cref="WithJudgeAndSegmentation"/> the judge and segmentation services, and the real
/// gateway in front of them all, with fast health probes. Clients talk to <see cref="Address"/>, the gateway.
/// </summary>
public class LocalMesh : IAsyncLifetime
{
    public const string TestKey = "e2e-test-key-0123456789";

    protected virtual string ModelDirectory => TinyLlava.Directory;
    protected virtual int DecoderReplicas => 1;
    protected virtual bool ApiKeysEnabled => false;
    protected virtual bool WithJudgeAndSegmentation => false;

    public ServiceHost Vision { get; private set; } = null!;
    public ServiceHost Store { get; private set; } = null!;
    readonly string _storeFolder = Path.Combine(Path.GetTempPath(), $"mesh-e2e-store-{Guid.NewGuid():N}");
    public List<ServiceHost> Decoders { get; } = [];
    public ServiceHost? Judge { get; private set; }
    public ServiceHost? Segmentation { get; private set; }
    public ServiceHost Gateway { get; private set; } = null!;

    /// <summary>host:port of the gateway's gRPC endpoint.</summary>
    public string Address => $"127.0.0.1:{Gateway.Endpoints.GrpcPort}";

    public async Task InitializeAsync()
    {
        Vision = await ServiceHost.StartAsync(b => { b.AddServiceDefaults(); b.AddVisionEncoder(); },
                                              app => { app.MapDefaultEndpoints(); app.MapGrpcService<VisionEncoderService>(); },
                                              new Dictionary<string, string?> { ["VisionEncoder:ModelDirectory"] = ModelDirectory });
        Store = await ServiceHost.StartAsync(b => { b.AddServiceDefaults(); b.AddContextStore(); },
                                             app => { app.MapDefaultEndpoints(); app.MapGrpcService<ContextStoreService>(); },
                                             new Dictionary<string, string?> { ["ContextStore:DataDirectory"] = _storeFolder });
        for (int i = 0; i < DecoderReplicas; i++)
            Decoders.Add(await ServiceHost.StartAsync(b => { b.AddServiceDefaults(); b.AddDecoder(); },
                app => { app.MapDefaultEndpoints(); app.MapGrpcService<DecoderService>(); },
                new Dictionary<string, string?>
                {
                    ["Decoder:ModelDirectory"] = ModelDirectory,
                    ["Decoder:VisionEncoderAddress"] = Vision.Endpoints.GrpcAddress.ToString(),
                    ["Decoder:ContextStoreAddress"] = Store.Endpoints.GrpcAddress.ToString(),
                    ["Decoder:Queue:MaxConcurrency"] = "1",
                    ["Decoder:Queue:MaxWaiting"] = "0",
                }));
        if (WithJudgeAndSegmentation)
        {
            Judge = await ServiceHost.StartAsync(b => { b.AddServiceDefaults(); b.AddJudge(); },
                                                 app => { app.MapDefaultEndpoints(); app.MapGrpcService<JudgeService>(); });
            Segmentation = await ServiceHost.StartAsync(b => { b.AddServiceDefaults(); b.AddSegmentation(); },
                                                        app => { app.MapDefaultEndpoints(); app.MapGrpcService<SegmentationService>(); });
        }
        foreach (var (_, hosts) in Backends())
            foreach (var host in hosts)
            {
                var readiness = host.Get<ServiceReadiness>();
                await Polling.UntilAsync(() => readiness.IsReady, "the models are loaded", TimeSpan.FromSeconds(60));
            }
        var gateway = new Dictionary<string, string?>
        {
            ["Gateway:WebPort"] = "0",
            ["Gateway:DefaultReplicas"] = "false",
            ["Gateway:HealthChecks:Interval"] = "00:00:00.3",
            ["Gateway:HealthChecks:Timeout"] = "00:00:00.25",
            ["Gateway:HealthChecks:UnhealthyAfter"] = "1",
            ["Gateway:ApiKeys:Enabled"] = ApiKeysEnabled.ToString(),
        };
        if (ApiKeysEnabled) gateway["Gateway:ApiKeys:Keys:e2e"] = TestKey;
        foreach (var (service, hosts) in Backends())
            for (int i = 0; i < hosts.Count; i++)
            {
                gateway[$"Gateway:Services:{service.Name}:{i}:Grpc"] = hosts[i].Endpoints.GrpcAddress.ToString();
                gateway[$"Gateway:Services:{service.Name}:{i}:Management"] = hosts[i].Endpoints.ManagementAddress.ToString();
            }
        Gateway = await ServiceHost.StartAsync(b => { b.AddServiceDefaults(); b.AddGateway(); },
                                               app => { app.MapDefaultEndpoints(); app.MapGateway(); }, gateway);
    }

    /// <summary>The started services behind the gateway, in start order, with their replicas.</summary>
    IEnumerable<(MeshService Service, IReadOnlyList<ServiceHost> Hosts)> Backends()
    {
        if (Vision is not null) yield return (MeshServices.VisionEncoder, [Vision]);
        if (Store is not null) yield return (MeshServices.ContextStore, [Store]);
        yield return (MeshServices.Decoder, Decoders);
        if (Judge is not null) yield return (MeshServices.Judge, [Judge]);
        if (Segmentation is not null) yield return (MeshServices.Segmentation, [Segmentation]);
    }

    public async Task DisposeAsync()
    {
        // Null-safe: a fixture whose start failed is still disposed by xUnit.
        if (Gateway is not null) await Gateway.DisposeAsync();
        foreach (var (_, hosts) in Backends().Reverse())
            foreach (var host in hosts) await host.DisposeAsync();
        if (Directory.Exists(_storeFolder)) Directory.Delete(_storeFolder, recursive: true);
    }
}

/// <summary>Two decoder replicas behind the gateway, for a replica to be killed.</summary>
public sealed class TwoReplicaMesh : LocalMesh
{
    protected override int DecoderReplicas => 2;
}

/// <summary>A gateway that requires an API key.</summary>
public sealed class KeyedMesh : LocalMesh
{
    protected override bool ApiKeysEnabled => true;
}
