using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly.Timeout;

namespace Mesh.Judging.Llm;

/// <summary>
/// One chat completion at an OpenAI-compatible endpoint: POST <c>{Endpoint}/chat/completions</c> with a system and a
/// user message, the reply's <c>choices[0].message.content</c> back. Retries and timeouts come from the
/// <see cref="HttpClient"/>'s resilience handler (<see cref="LlmJudgeSetup"/>); failures that remain become
/// <see cref="LlmJudgeException"/>s naming the endpoint and what went wrong.
/// </summary>
public sealed class ChatCompletionsClient(HttpClient http, LlmJudgeOptions options)
{
    /// <summary>The content of the model's reply to <paramref name="system"/> and <paramref name="user"/>.</summary>
    public async Task<string> CompleteAsync(string system, string user, CancellationToken cancellationToken)
    {
        if (!options.IsConfigured)
            throw new InvalidOperationException("the LLM judge has no endpoint or model; set Judge:Llm:Endpoint and Judge:Llm:Model");
        var url = new Uri(options.Endpoint!.ToString().TrimEnd('/') + "/chat/completions");
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["model"] = options.Model,
                ["temperature"] = options.Temperature,
                ["messages"] = new JsonArray(Message("system", system), Message("user", user)),
            }),
        };
        if (!string.IsNullOrEmpty(options.ApiKey))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);

        using var response = await SendAsync(request, url, cancellationToken);
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new LlmJudgeException($"the judge model at {url} answered {(int)response.StatusCode} {response.StatusCode}" +
                                        (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? "; check Judge:Llm:ApiKey" : "") +
                                        $": {Shorten(body)}");
        return ContentOf(body, url);
    }

    async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException
                                  || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new LlmJudgeException($"the judge model at {url} could not be reached: {e.Message}", e);
        }
    }

    static JsonObject Message(string role, string content) => new() { ["role"] = role, ["content"] = content };

    // content is a string, or (some servers) a list of parts whose "text" fields make the reply.
    static string ContentOf(string body, Uri url)
    {
        try
        {
            var content = JsonNode.Parse(body)?["choices"]?[0]?["message"]?["content"];
            if (content is JsonValue value && value.TryGetValue<string>(out var text)) return text;
            if (content is JsonArray parts) return string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? ""));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new LlmJudgeException($"the judge model at {url} sent a reply that is not chat-completions JSON: {Shorten(body)}", e);
        }
        throw new LlmJudgeException($"the judge model at {url} sent no choices[0].message.content: {Shorten(body)}");
    }

    static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
