using Mesh.Judge.Grpc;
using Mesh.ServiceDefaults;
using Mesh.ServiceDefaults.Health;
using Mesh.TestKit;
using Microsoft.AspNetCore.Builder;

namespace Mesh.Judge.Tests;

/// <summary>The judge service on loopback, ready; <see cref="Settings"/> adds to its configuration.</summary>
public class JudgeHost : IAsyncLifetime
{
    public ServiceHost Host { get; private set; } = null!;
    public Contracts.Judge.V1.Judge.JudgeClient Client { get; private set; } = null!;

    protected virtual Task<IReadOnlyDictionary<string, string?>> Settings() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?> { ["Judge:MaxTextChars"] = "1000", ["Judge:MaxBatchPairs"] = "8" });

    public virtual async Task InitializeAsync()
    {
        Host = await Start(await Settings());
        Client = new Contracts.Judge.V1.Judge.JudgeClient(Host.Channel);
    }

    public virtual async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>Starts a judge host with <paramref name="settings"/> and waits until it is ready.</summary>
    public static async Task<ServiceHost> Start(IReadOnlyDictionary<string, string?> settings)
    {
        var host = await ServiceHost.StartAsync(b => { b.AddServiceDefaults(); b.AddJudge(); },
                                                app => { app.MapDefaultEndpoints(); app.MapGrpcService<JudgeService>(); }, settings);
        var readiness = host.Get<ServiceReadiness>();
        await Polling.UntilAsync(() => readiness.IsReady, "the judge is ready");
        return host;
    }
}

/// <summary>A judge host whose LLM backend points at a <see cref="StandInChatServer"/>, with fast retries.</summary>
public sealed class LlmJudgeHost : JudgeHost
{
    public StandInChatServer Chat { get; private set; } = null!;

    protected override async Task<IReadOnlyDictionary<string, string?>> Settings()
    {
        Chat = await StandInChatServer.StartAsync();
        return LlmSettings(Chat.Endpoint);
    }

    public static Dictionary<string, string?> LlmSettings(Uri endpoint) => new()
    {
        ["Judge:Llm:Endpoint"] = endpoint.ToString(),
        ["Judge:Llm:ApiKey"] = "stand-in-key",
        ["Judge:Llm:Model"] = "stand-in-model",
        ["Judge:Llm:MaxRetries"] = "2",
        ["Judge:Llm:RetryDelay"] = "00:00:00.010",
        ["Judge:Llm:AttemptTimeout"] = "00:00:05",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Chat.DisposeAsync();
    }
}
