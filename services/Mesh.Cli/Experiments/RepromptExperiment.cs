using Grpc.Core;
using Mesh.Cli.Client;
using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Scenes;
using ScottPlot;

namespace Mesh.Cli.Experiments;

/// <summary>
/// PAPER.md section 7: VQA accuracy per category from the full image, from compressed contexts (query + top 5%
/// and 2% image tokens, query only) through Compress / Ask, and from the description given as text; with the
/// context size and the time to the first answer token.
/// </summary>
public static class RepromptExperiment
{
    public const string Name = "reprompt";
    static readonly string[] Conditions = ["full image + question", "query + top 5% image", "query + top 2% image", "query only", "description as text"];

    public sealed record Answer(string Condition, QuestionCategory Category, bool Correct, double FirstTokenMs);
    public sealed record SceneRuns(List<Answer> Answers, Dictionary<string, int> ContextTokens, Dictionary<string, long> ContextBytes, int PromptTokens);

    public static async Task<ExperimentReport> RunAsync(ExperimentOptions options, CancellationToken cancellationToken)
    {
        var folder = options.Folder(Name);
        var cache = new ResultCache<SceneRuns>(folder, options.Resume);
        using var mesh = new MeshClients(options);
        var info = await mesh.Decoder.GetModelInfoAsync(new GetModelInfoRequest(), mesh.Headers, cancellationToken: cancellationToken);
        // floor(K * N) = 0 keeps no image token: the context is the query alone.
        double queryOnlyK = 0.5 / Math.Max(1, info.ImageTokenCount);
        var scenes = new List<SceneRuns>();
        await ExperimentProgress.ForEachSceneAsync(options, Name, async scene =>
            scenes.Add(await cache.GetOrComputeAsync(scene.Id(options.Split), () => RunScene(mesh, scene, options, queryOnlyK, cancellationToken))));

        var table = new ReportTable(["context", .. Enum.GetNames<QuestionCategory>().Select(c => c.ToLowerInvariant()), "overall", "context_tokens", "context_bytes", "first_token_ms"]);
        foreach (var condition in Conditions)
        {
            var answers = scenes.SelectMany(s => s.Answers).Where(a => a.Condition == condition).ToArray();
            var row = new List<object> { condition };
            row.AddRange(Enum.GetValues<QuestionCategory>().Select(c => (object)Accuracy(answers.Where(a => a.Category == c))));
            row.Add(Accuracy(answers));
            row.Add(scenes.Average(s => s.ContextTokens.GetValueOrDefault(condition, s.PromptTokens)));
            row.Add(scenes.Average(s => (double)s.ContextBytes.GetValueOrDefault(condition, 0)));
            row.Add(answers.Length == 0 ? 0 : answers.Select(a => a.FirstTokenMs).Order().ElementAt(answers.Length / 2));
            table.Add([.. row]);
        }
        var files = await table.WriteAsync(folder, Name, "", cancellationToken);
        string png = Path.Combine(folder.FullName, Name + ".png");
        Plot(table, png);
        return new ExperimentReport(table, [.. files, png], cache.Reused);
    }

    static async Task<SceneRuns> RunScene(MeshClients mesh, SceneItem scene, ExperimentOptions options, double queryOnlyK, CancellationToken ct)
    {
        var runs = new SceneRuns([], [], [], 0);
        var contexts = new Dictionary<string, CompressResponse>();
        foreach (var (condition, k) in new[] { (Conditions[1], 0.05), (Conditions[2], 0.02), (Conditions[3], queryOnlyK) })
        {
            var compress = new CompressRequest
            {
                ImageBytes = Google.Protobuf.ByteString.CopyFrom(scene.Png), Prompt = new Prompt { Text = MeshRequests.DescribePrompt },
                Sampling = new SamplingParams { MaxTokens = options.MaxTokens },
                Selection = new TokenSelection { Method = SelectionMethod.Attention, K = k },
            };
            var response = await mesh.Decoder.CompressAsync(compress, mesh.Headers, cancellationToken: ct);
            contexts[condition] = response;
            runs.ContextTokens[condition] = response.TokensKept;
            runs.ContextBytes[condition] = response.StoredBytes;
        }
        string description = contexts[Conditions[1]].Description;
        foreach (var qa in scene.Scene.Questions)
        {
            var full = MeshRequests.Describe(scene.Png, 4);
            full.Prompt.Text = qa.Question;
            runs.Answers.Add(Score(Conditions[0], qa, await mesh.GenerateAsync(full, ct)));
            foreach (var condition in Conditions[1..4])
            {
                var ask = new AskRequest { ContextId = contexts[condition].ContextId, Question = new Prompt { Text = qa.Question }, Sampling = new SamplingParams { MaxTokens = 4 } };
                using var call = mesh.Decoder.Ask(ask, mesh.Headers, cancellationToken: ct);
                runs.Answers.Add(Score(condition, qa, await DescribeRun.ReadAsync(call, null, ct)));
            }
            var text = new GenerateRequest { Prompt = new Prompt { Text = $"{description} {qa.Question}" }, Sampling = new SamplingParams { MaxTokens = 4 } };
            runs.Answers.Add(Score(Conditions[4], qa, await mesh.GenerateAsync(text, ct)));
        }
        return runs with { PromptTokens = contexts[Conditions[1]].TokensFull };
    }

    static Answer Score(string condition, QuestionAnswer qa, DescribeRun run) => new(condition, qa.Category,
        string.Equals(run.Text.Trim(), qa.Answer, StringComparison.OrdinalIgnoreCase),
        run.Summary?.TimeToFirstToken.ToTimeSpan().TotalMilliseconds ?? 0);

    static double Accuracy(IEnumerable<Answer> answers)
    {
        var list = answers.ToArray();
        return list.Length == 0 ? double.NaN : (double)list.Count(a => a.Correct) / list.Length;
    }

    static void Plot(ReportTable table, string path)
    {
        var plot = new Plot();
        var bars = table.Rows.Select((r, i) => new Bar { Position = i, Value = (double)r[6], FillColor = plot.Add.Palette.GetColor(i) }).ToArray();
        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, bars.Length).Select(i => (double)i).ToArray(), table.Rows.Select(r => (string)r[0]).ToArray());
        plot.Title("VQA accuracy by context (Shapes test scenes)");
        plot.YLabel("accuracy");
        plot.Axes.SetLimitsY(0, 1.05);
        plot.SavePng(path, 1000, 500);
    }
}
