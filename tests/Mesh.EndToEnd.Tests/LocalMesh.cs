using Mesh.ContextStore;
using Mesh.ContextStore.Grpc;
using Mesh.Decoder;
using Mesh.Decoder.Grpc;
using Mesh.Gateway;
using Mesh.ServiceDefaults;
using Mesh.ServiceDefaults.Health;
using Mesh.TestKit;
using Mesh.VisionEncoder;
using Mesh.VisionEncoder.Grpc;
using Microsoft.AspNetCore.Builder;

namespace Mesh.EndToEnd.Tests;

/// <summary>
/// A mesh on loopback over the tiny-llava parity model: the vision encoder, the context store (embedded, in a
/// temporary folder), <see cref="DecoderReplicas"/> decoder replicas (each encoding images through the vision
/// encoder and keeping contexts in the store, one request at a time, none waiting) and the real gateway in front,
/// with fast health probes. Clients talk to <see cref="Address"/>, the gateway.
/// </summary>
public class LocalMesh : IAsyncLifetime
{
    public const string TestKey = "e2e-test-key-0123456789";

    protected virtual int DecoderReplicas => 1;
    protected virtual bool ApiKeysEnabled => false;

    public ServiceHost Vision { get; private set; } = null!;
    public ServiceHost Store { get; private set; } = null!;
    readonly string storeFolder = Path.Combine(Path.GetTempPath(), $"mesh-e2e-store-{Guid.NewGuid():N}");
    public List<ServiceHost> Decoders { get; } = [];
    public ServiceHost Gateway { get; private set; } = null!;

    /// <summary>host:port of the gateway's gRPC endpoint.</summary>
    public string Address => $"127.0.0.1:{Gateway.Endpoints.GrpcPort}";

    public async Task InitializeAsync()
    {
        Vision = await ServiceHost.StartAsync(b => { b.AddServiceDefaults(); b.AddVisionEncoder(); },
                                              app => { app.MapDefaultEndpoints(); app.MapGrpcService<VisionEncoderService>(); },
                                              new Dictionary<string, string?> { ["VisionEncoder:ModelDirectory"] = TinyLlava.Directory });
        Store = await ServiceHost.StartAsync(b => { b.AddServiceDefaults(); b.AddContextStore(); },
                                             app => { app.MapDefaultEndpoints(); app.MapGrpcService<ContextStoreService>(); },
                                             new Dictionary<string, string?> { ["ContextStore:DataDirectory"] = storeFolder });
        for (int i = 0; i < DecoderReplicas; i++)
            Decoders.Add(await ServiceHost.StartAsync(b => { b.AddServiceDefaults(); b.AddDecoder(); },
                app => { app.MapDefaultEndpoints(); app.MapGrpcService<DecoderService>(); },
                new Dictionary<string, string?>
                {
                    ["Decoder:ModelDirectory"] = TinyLlava.Directory,
                    ["Decoder:VisionEncoderAddress"] = Vision.Endpoints.GrpcAddress.ToString(),
                    ["Decoder:ContextStoreAddress"] = Store.Endpoints.GrpcAddress.ToString(),
                    ["Decoder:Queue:MaxConcurrency"] = "1",
                    ["Decoder:Queue:MaxWaiting"] = "0",
                }));
        foreach (var host in Decoders.Prepend(Store).Prepend(Vision))
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
            ["Gateway:Services:vision-encoder:0:Grpc"] = Vision.Endpoints.GrpcAddress.ToString(),
            ["Gateway:Services:vision-encoder:0:Management"] = Vision.Endpoints.ManagementAddress.ToString(),
            ["Gateway:Services:context-store:0:Grpc"] = Store.Endpoints.GrpcAddress.ToString(),
            ["Gateway:Services:context-store:0:Management"] = Store.Endpoints.ManagementAddress.ToString(),
            ["Gateway:ApiKeys:Enabled"] = ApiKeysEnabled.ToString(),
        };
        if (ApiKeysEnabled) gateway["Gateway:ApiKeys:Keys:e2e"] = TestKey;
        for (int i = 0; i < Decoders.Count; i++)
        {
            gateway[$"Gateway:Services:decoder:{i}:Grpc"] = Decoders[i].Endpoints.GrpcAddress.ToString();
            gateway[$"Gateway:Services:decoder:{i}:Management"] = Decoders[i].Endpoints.ManagementAddress.ToString();
        }
        Gateway = await ServiceHost.StartAsync(b => { b.AddServiceDefaults(); b.AddGateway(); },
                                               app => { app.MapDefaultEndpoints(); app.MapGateway(); }, gateway);
    }

    public async Task DisposeAsync()
    {
        // Null-safe: a fixture whose start failed is still disposed by xUnit.
        if (Gateway is not null) await Gateway.DisposeAsync();
        foreach (var decoder in Decoders) await decoder.DisposeAsync();
        if (Store is not null) await Store.DisposeAsync();
        if (Vision is not null) await Vision.DisposeAsync();
        if (Directory.Exists(storeFolder)) Directory.Delete(storeFolder, recursive: true);
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
