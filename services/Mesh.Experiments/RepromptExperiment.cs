using Mesh.Clients;
using Mesh.Contracts.Decoder.V1;
using Mesh.Judging;
using Mesh.Shapes.Evaluation;
using Mesh.Shapes.Scenes;
using ScottPlot;

namespace Mesh.Experiments;

/// <summary>
/// docs/paper.md section 7: VQA accuracy per category from the full image, from compressed contexts through Compress / Ask
/// (query + top 5% and 2% image tokens, top 5% image tokens without the query, query only), and from the
/// description given as text; with the tokens each answer is conditioned on, the stored bytes and the time to the
/// first answer token.
/// </summary>
public static class RepromptExperiment
{
    public const string Name = "reprompt";

    /// <summary>The K of the image-only condition (the paper's best compressed context, less its query tokens).</summary>
    public const double ImageOnlyK = 0.05;

    public const string FullImage = "full image + question", QueryTop5 = "query + top 5% image", QueryTop2 = "query + top 2% image",
                        ImageOnlyTop5 = "top 5% image only", QueryOnly = "query only", DescriptionAsText = "description as text";
    public static readonly string[] Conditions = [FullImage, QueryTop5, QueryTop2, ImageOnlyTop5, QueryOnly, DescriptionAsText];

    /// <summary>One answer: whether it was right, its time to first token and the prompt positions it was conditioned on.</summary>
    public sealed record Answer(string Condition, QuestionCategory Category, bool Correct, double FirstTokenMs, int ContextTokens);
    public sealed record SceneRuns(List<Answer> Answers, Dictionary<string, long> ContextBytes);

    /// <summary>A compressed condition: the K of its context and which parts it keeps.</summary>
    sealed record Compressed(string Condition, double K, ContextParts Parts);

    public static async Task<ExperimentReport> RunAsync(ExperimentOptions options, CancellationToken cancellationToken)
    {
        var folder = options.Folder(Name);
        // Scenes saved before a condition was added are recomputed rather than reported without it.
        var cache = new ResultCache<SceneRuns>(folder, options.Resume, runs => Conditions.All(c => runs.Answers.Any(a => a.Condition == c)));
        using var mesh = new MeshClients(options);
        var info = await mesh.Decoder.GetModelInfoAsync(new GetModelInfoRequest(), mesh.Headers, cancellationToken: cancellationToken);
        // floor(K * N) = 0 keeps no image token: the context is the query alone (decoder.proto, image_tokens_kept).
        Compressed[] compressed =
        [
            new(QueryTop5, 0.05, ContextParts.QueryAndImage), new(QueryTop2, 0.02, ContextParts.QueryAndImage),
            new(ImageOnlyTop5, ImageOnlyK, ContextParts.ImageOnly), new(QueryOnly, 0.5 / Math.Max(1, info.ImageTokenCount), ContextParts.QueryAndImage),
        ];
        var scenes = new List<SceneRuns>();
        await ExperimentProgress.ForEachSceneAsync(options, Name, async scene =>
            scenes.Add(await cache.GetOrComputeAsync(scene.Id(options.Split), () => RunScene(mesh, scene, options, compressed, cancellationToken))));

        var table = Table(scenes);
        var files = await table.WriteAsync(folder, Name,
            "\ncontext_tokens: prompt positions each answer is conditioned on (the kept context or prompt, plus the question), " +
            "mean per scene, then over scenes. context_bytes: the stored compressed context.\n", cancellationToken);
        string png = Path.Combine(folder.FullName, Name + ".png");
        Plot(table, png);
        return new ExperimentReport(table, [.. files, png], cache.Reused);
    }

    /// <summary>Per condition: accuracy per category and overall, mean context tokens and bytes per scene, median time to first token.</summary>
    static ReportTable Table(IReadOnlyList<SceneRuns> scenes)
    {
        var table = new ReportTable(["context", .. Enum.GetNames<QuestionCategory>().Select(c => c.ToLowerInvariant()), "overall", "context_tokens", "context_bytes", "first_token_ms"]);
        foreach (var condition in Conditions)
        {
            var answers = scenes.SelectMany(s => s.Answers).Where(a => a.Condition == condition).ToArray();
            var row = new List<object> { condition };
            row.AddRange(Enum.GetValues<QuestionCategory>().Select(c => (object)Accuracy(answers.Where(a => a.Category == c))));
            row.Add(Accuracy(answers));
            row.Add(MeanOfSceneMeans(scenes.Select(s => s.Answers.Where(a => a.Condition == condition).Select(a => (double)a.ContextTokens))));
            row.Add(scenes.Average(s => (double)s.ContextBytes.GetValueOrDefault(condition, 0)));
            row.Add(answers.Length == 0 ? 0 : Median.Of(answers.Select(a => a.FirstTokenMs)));
            table.Add([.. row]);
        }
        return table;
    }

    static async Task<SceneRuns> RunScene(MeshClients mesh, SceneItem scene, ExperimentOptions options, Compressed[] conditions, CancellationToken ct)
    {
        var runs = new SceneRuns([], []);
        var contexts = new Dictionary<string, CompressResponse>();
        foreach (var condition in conditions)
        {
            var compress = new CompressRequest
            {
                ImageBytes = Google.Protobuf.ByteString.CopyFrom(scene.Png), Prompt = new Prompt { Text = MeshRequests.DescribePrompt },
                Sampling = new SamplingParams { MaxTokens = options.MaxTokens },
                Selection = new TokenSelection { Method = SelectionMethod.Attention, K = condition.K }, Parts = condition.Parts,
            };
            var response = await mesh.Decoder.CompressAsync(compress, mesh.Headers, cancellationToken: ct);
            if (condition.Condition == QueryOnly && response.ImageTokensKept != 0)
                throw new InvalidOperationException($"the query-only context kept {response.ImageTokensKept} image tokens for k = {condition.K}; it must keep none");
            contexts[condition.Condition] = response;
            runs.ContextBytes[condition.Condition] = response.StoredBytes;
        }
        string description = contexts[QueryTop5].Description;
        foreach (var qa in scene.Scene.Questions)
        {
            var full = MeshRequests.Describe(scene.Png, 4);
            full.Prompt.Text = qa.Question;
            var fullRun = await mesh.GenerateAsync(full, ct);
            runs.Answers.Add(Score(FullImage, qa, fullRun, PromptTokens(fullRun)));
            foreach (var condition in conditions)
            {
                var context = contexts[condition.Condition];
                var ask = new AskRequest { ContextId = context.ContextId, Question = new Prompt { Text = qa.Question }, Sampling = new SamplingParams { MaxTokens = 4 } };
                using var call = mesh.Decoder.Ask(ask, mesh.Headers, cancellationToken: ct);
                var run = await DescribeRun.ReadAsync(call, null, ct);
                // Ask's prompt_tokens counts the context's positions (the full prompt's) plus the question; the context keeps tokens_kept of them.
                runs.Answers.Add(Score(condition.Condition, qa, run, context.TokensKept + PromptTokens(run) - context.TokensFull));
            }
            var text = new GenerateRequest { Prompt = new Prompt { Text = $"{description} {qa.Question}" }, Sampling = new SamplingParams { MaxTokens = 4 } };
            var textRun = await mesh.GenerateAsync(text, ct);
            runs.Answers.Add(Score(DescriptionAsText, qa, textRun, PromptTokens(textRun)));
        }
        return runs;
    }

    static double MeanOfSceneMeans(IEnumerable<IEnumerable<double>> scenes) =>
        scenes.Select(s => s.DefaultIfEmpty(double.NaN).Average()).DefaultIfEmpty(double.NaN).Average();

    static int PromptTokens(DescribeRun run) =>
        run.Summary?.PromptTokens ?? throw new InvalidOperationException("the stream ended without its summary, which reports the prompt's tokens");

    static Answer Score(string condition, QuestionAnswer qa, DescribeRun run, int contextTokens) => new(condition, qa.Category,
        VqaAnswers.IsCorrect(run.Text, qa.Answer),
        run.Summary?.TimeToFirstToken.ToTimeSpan().TotalMilliseconds ?? 0, contextTokens);

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
