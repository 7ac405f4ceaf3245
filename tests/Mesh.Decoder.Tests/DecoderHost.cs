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
    public static string RepoRoot { get; } = FindRepoRoot();
    public static string TinyLlava => Path.Combine(RepoRoot, "tests", "fixtures", "tiny-llava");
    public static byte[] FixtureImage => File.ReadAllBytes(Path.Combine(TinyLlava, "image.png"));
    /// <summary>The fixture prompt (README "Prompt and the image-token convention") with its 12 greedy ids.</summary>
    public const string FixturePrompt = "1 17 250 33 71 <image> 12 190 77 301 45";
    public static readonly int[] FixtureIds = [76, 117, 341, 153, 98, 233, 127, 300, 194, 59, 166, 194];

    public ServiceHost Host { get; private set; } = null!;
    public Contracts.Decoder.V1.Decoder.DecoderClient Client { get; private set; } = null!;

    static IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Decoder:ModelDirectory"] = TinyLlava,
        ["Decoder:Queue:MaxConcurrency"] = "1",
        ["Decoder:Queue:MaxWaiting"] = "0",
    };

    public async Task InitializeAsync()
    {
        Host = await ServiceHost.StartAsync(b => { b.AddServiceDefaults(); b.AddDecoder(); },
                                            app => { app.MapDefaultEndpoints(); app.MapGrpcService<DecoderService>(); }, Settings);
        var readiness = Host.Get<ServiceReadiness>();
        await Polling.UntilAsync(() => readiness.IsReady, "the decoder model is loaded", TimeSpan.FromSeconds(60));
        Client = new Contracts.Decoder.V1.Decoder.DecoderClient(Host.Channel);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>The fixture request: image.png with the verbatim fixture prompt, greedy, 12 tokens.</summary>
    public static GenerateRequest FixtureRequest(int maxTokens = 12) => new()
    {
        ImageBytes = Google.Protobuf.ByteString.CopyFrom(FixtureImage),
        Prompt = new Prompt { Text = FixturePrompt, Verbatim = true },
        Sampling = new SamplingParams { MaxTokens = maxTokens },
    };

    /// <summary>All events of one Generate call.</summary>
    public async Task<List<GenerateEvent>> GenerateAsync(GenerateRequest request, CancellationToken cancellationToken = default)
    {
        using var call = Client.Generate(request, cancellationToken: cancellationToken);
        var events = new List<GenerateEvent>();
        await foreach (var e in call.ResponseStream.ReadAllAsync(cancellationToken)) events.Add(e);
        return events;
    }

    static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Mesh.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No Mesh.sln above {AppContext.BaseDirectory}.");
    }
}
