using Mesh.Decoder;
using Mesh.Decoder.Grpc;
using Mesh.ServiceDefaults;
using Mesh.ServiceDefaults.Health;
using Mesh.TestKit;
using Mesh.VisionEncoder;
using Mesh.VisionEncoder.Grpc;
using Microsoft.AspNetCore.Builder;

namespace Mesh.EndToEnd.Tests;

/// <summary>
/// The vision-encoder and decoder services on loopback over the tiny-llava parity model; the decoder
/// encodes images through the vision-encoder service, as in a deployed mesh.
/// </summary>
public sealed class LocalMesh : IAsyncLifetime
{
    public static string RepoRoot { get; } = FindRepoRoot();
    public static string TinyLlava => Path.Combine(RepoRoot, "tests", "fixtures", "tiny-llava");
    public const string FixturePrompt = "1 17 250 33 71 <image> 12 190 77 301 45";
    public static readonly int[] FixtureIds = [76, 117, 341, 153, 98, 233, 127, 300, 194, 59, 166, 194];

    public ServiceHost Vision { get; private set; } = null!;
    public ServiceHost Decoder { get; private set; } = null!;

    /// <summary>host:port where clients connect.</summary>
    public string Address => $"127.0.0.1:{Decoder.Endpoints.GrpcPort}";

    public async Task InitializeAsync()
    {
        Vision = await ServiceHost.StartAsync(b => { b.AddServiceDefaults(); b.AddVisionEncoder(); },
                                              app => { app.MapDefaultEndpoints(); app.MapGrpcService<VisionEncoderService>(); },
                                              new Dictionary<string, string?> { ["VisionEncoder:ModelDirectory"] = TinyLlava });
        Decoder = await ServiceHost.StartAsync(b => { b.AddServiceDefaults(); b.AddDecoder(); },
                                               app => { app.MapDefaultEndpoints(); app.MapGrpcService<DecoderService>(); },
                                               new Dictionary<string, string?>
                                               {
                                                   ["Decoder:ModelDirectory"] = TinyLlava,
                                                   ["Decoder:VisionEncoderAddress"] = Vision.Endpoints.GrpcAddress.ToString(),
                                               });
        foreach (var (host, name) in new[] { (Vision, "vision encoder"), (Decoder, "decoder") })
        {
            var readiness = host.Get<ServiceReadiness>();
            await Polling.UntilAsync(() => readiness.IsReady, $"the {name} model is loaded", TimeSpan.FromSeconds(60));
        }
    }

    public async Task DisposeAsync()
    {
        await Decoder.DisposeAsync();
        await Vision.DisposeAsync();
    }

    static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Mesh.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No Mesh.sln above {AppContext.BaseDirectory}.");
    }
}
