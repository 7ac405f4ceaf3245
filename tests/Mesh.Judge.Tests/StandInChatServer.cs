using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mesh.Judge.Tests;

/// <summary>
/// A local stand-in for an OpenAI-compatible chat completions endpoint: answers POST /v1/chat/completions with the
/// canned replies queued by the test, in order, and records each request. It knows nothing about judging: tests
/// that use it check how the LLM judge speaks the protocol and reads replies, not how good any model's verdicts are.
/// </summary>
public sealed class StandInChatServer : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ConcurrentQueue<(int Status, string Body)> _replies = new();

    StandInChatServer(WebApplication app) => _app = app;

    /// <summary>The base URL to configure as <c>Judge:Llm:Endpoint</c>.</summary>
    public Uri Endpoint => new(_app.Urls.Single() + "/v1");

    /// <summary>The JSON body and Authorization header of every request received, in order.</summary>
    public ConcurrentQueue<(JsonNode Body, string? Authorization)> Requests { get; } = new();

    /// <summary>Queues a 200 reply whose <c>choices[0].message.content</c> is <paramref name="content"/>.</summary>
    public void Reply(string content) => _replies.Enqueue((200, new JsonObject
    {
        ["object"] = "chat.completion",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
            ["finish_reason"] = "stop",
        }),
    }.ToJsonString()));

    /// <summary>Queues a reply with <paramref name="status"/> and a raw body.</summary>
    public void Fail(int status, string body = """{"error": "stand-in failure"}""") => _replies.Enqueue((status, body));

    public static async Task<StandInChatServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var server = new StandInChatServer(app);
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body) ?? new JsonObject();
            server.Requests.Enqueue((body, context.Request.Headers.Authorization.FirstOrDefault()));
            var (status, reply) = server._replies.TryDequeue(out var next) ? next : (500, """{"error": "no canned reply queued"}""");
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply);
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
