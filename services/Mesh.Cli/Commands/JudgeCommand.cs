using System.CommandLine;
using Grpc.Net.Client;
using Mesh.Cli.Client;
using Mesh.Clients;
using Mesh.Contracts.Judge.V1;
using Mesh.Judging;
using Mesh.Judging.Lexicon;
using Mesh.Judging.Llm;
using Microsoft.Extensions.DependencyInjection;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>mesh judge --reference TEXT --candidate TEXT</c>: objects, TP / FN / FP and P, R, F1 (docs/paper.md section 4), judged
/// here with Mesh.Core or, with <c>--server</c>, by the judge service. The local LLM judge reads its endpoint from
/// <c>--llm-endpoint</c> / <c>--llm-model</c> or MESH_JUDGE_LLM_ENDPOINT / MESH_JUDGE_LLM_MODEL, and its key from
/// MESH_JUDGE_LLM_KEY only (a key on the command line would stay in the shell's history).
/// </summary>
public static class JudgeCommand
{
    public static Command Create()
    {
        var reference = new Option<string>("--reference") { Description = "The reference description (e.g. the unmodified model's)", Required = true };
        var candidate = new Option<string>("--candidate") { Description = "The description scored against it", Required = true };
        var backend = new Option<string>("--backend") { Description = "lexicon or llm", DefaultValueFactory = _ => "lexicon" };
        backend.AcceptOnlyFromAmong("lexicon", "llm");
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (the CompareResponse fields)" };
        var server = AddressOption.Optional("--server", "Ask the judge service at this address (e.g. the gateway, http://127.0.0.1:5000) instead of judging here");
        var apiKey = new Option<string?>("--api-key") { Description = "API key for the gateway (default: MESH_API_KEY)" };
        var llmEndpoint = new Option<string?>("--llm-endpoint") { Description = "Local LLM judge: chat completions base URL (default: MESH_JUDGE_LLM_ENDPOINT)" };
        var llmModel = new Option<string?>("--llm-model") { Description = "Local LLM judge: model name (default: MESH_JUDGE_LLM_MODEL)" };
        var command = new Command("judge", "Compare a candidate description with a reference: objects, TP / FN / FP, precision, recall, F1")
            { reference, candidate, backend, json, server, apiKey, llmEndpoint, llmModel };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string r = parse.GetValue(reference)!, c = parse.GetValue(candidate)!;
            bool llm = parse.GetValue(backend) == "llm";
            return await CliErrors.RunAsync(async () =>
            {
                var report = parse.GetValue(server) is { } address
                    ? await Remote(address, parse.GetValue(apiKey), r, c, llm, cancellationToken)
                    : await Local(r, c, llm, parse.GetValue(llmEndpoint), parse.GetValue(llmModel), cancellationToken);
                report.Print(parse.GetValue(json));
                return 0;
            }, parse.GetValue(server) is { } address ? ServiceTarget.Server("judge service", address, "judge here") : null);
        });
        return command;
    }

    static async Task<JudgeReport> Local(string reference, string candidate, bool llm, string? endpoint, string? model, CancellationToken cancellationToken)
    {
        if (!llm) return JudgeReport.From(new LexiconJudge().Compare(reference, candidate), JudgeKind.Lexicon);
        var options = new LlmJudgeOptions
        {
            Endpoint = (endpoint ?? Environment.GetEnvironmentVariable("MESH_JUDGE_LLM_ENDPOINT")) is { Length: > 0 } url ? new Uri(url) : null,
            Model = model ?? Environment.GetEnvironmentVariable("MESH_JUDGE_LLM_MODEL"),
            ApiKey = Environment.GetEnvironmentVariable("MESH_JUDGE_LLM_KEY"),
        };
        if (!options.IsConfigured)
            throw new ArgumentException("the LLM judge needs --llm-endpoint and --llm-model (or MESH_JUDGE_LLM_ENDPOINT and MESH_JUDGE_LLM_MODEL)");
        await using var services = new ServiceCollection().AddLlmJudge(_ => options).BuildServiceProvider();
        var result = await services.GetRequiredService<LlmJudge>().CompareAsync(reference, candidate, cancellationToken);
        return JudgeReport.From(result, JudgeKind.Llm);
    }

    static async Task<JudgeReport> Remote(string address, string? apiKey, string reference, string candidate, bool llm, CancellationToken cancellationToken)
    {
        using var channel = GrpcChannel.ForAddress(address);
        var request = new CompareRequest { Reference = reference, Candidate = candidate, Backend = llm ? JudgeBackend.Llm : JudgeBackend.Lexicon };
        var response = await new Judge.JudgeClient(channel).CompareAsync(request, ApiKey.Headers(apiKey), cancellationToken: cancellationToken);
        return JudgeReport.From(response);
    }
}
