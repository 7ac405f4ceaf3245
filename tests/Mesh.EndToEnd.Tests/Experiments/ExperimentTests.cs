using Google.Protobuf;
using Mesh.Contracts.Decoder.V1;
using Mesh.Experiments;
using Mesh.Shapes.Scenes;
using static Mesh.EndToEnd.Tests.Experiments.ExperimentRuns;

namespace Mesh.EndToEnd.Tests.Experiments;

/// <summary>
/// Each <c>mesh experiment</c> end to end on a few scenes against a mesh over the Shapes model: the files it writes,
/// their rows and what the numbers must satisfy, and a resumed run that reuses every scene.
/// </summary>
public sealed class ExperimentTests(ShapesMesh mesh) : IClassFixture<ShapesMesh>, IDisposable
{
    readonly ExperimentRuns _runs = new(mesh);

    [Fact]
    public async Task AttentionFractionsGiveEachLayerFractionsThatSumToOne()
    {
        int layers = (await _runs.ModelInfoAsync()).NumLayers;
        var rows = await _runs.RunTwiceAsync(o => AttentionFractionsExperiment.RunAsync(o, CancellationToken.None), AttentionFractionsExperiment.Name,
            ["layer", "image_mean", "image_std", "query_mean", "query_std", "generated_mean", "generated_std", "tokens"],
            AttentionFractionsExperiment.Name + ".png");

        Assert.Equal(Enumerable.Range(0, layers).Select(l => l.ToString()), rows.Select(r => r[0]));
        foreach (var row in rows)
        {
            double[] values = [.. row[1..].Select(Number)];
            Assert.All(values[..6], v => Assert.InRange(v, 0, 1));
            Assert.Equal(1.0, values[0] + values[2] + values[4], 3);   // mean a_IMAGE + a_QUERY + a_GENERATED
        }
        // Every layer pools the same tokens: at least one per scene, at most 24 (the token limit) per scene.
        Assert.Single(rows.Select(r => r[7]).Distinct());
        Assert.InRange(Number(rows[0][7]), Scenes, 24 * Scenes);
    }

    [Fact]
    public async Task KnockoutScoresEveryStrategyFromEachLayerExceptTheWindowAndInEachSlidingWindow()
    {
        int layers = (await _runs.ModelInfoAsync()).NumLayers;
        var rows = await _runs.RunTwiceAsync(o => KnockoutExperiment.RunAsync(o, windowWidth: 2, CancellationToken.None), KnockoutExperiment.Name,
            ["strategy", "layers", "a", "b", "f1_mean", "f1_std", "scenes"], "knockout-from.png", "knockout-window.png");

        // The LLaVA window [4, 20] of 32 layers scaled to this model.
        var (a, b) = ((int)Math.Round(layers * 4 / 32.0), (int)Math.Round(layers * 20 / 32.0));
        foreach (var strategy in new[] { "img->gen", "img->txt", "img->txt+gen" })
        {
            var mine = rows.Where(r => r[0] == strategy).ToArray();
            Assert.Equal(Enumerable.Range(-1, layers).Select(l => $"from|{l}|0"), mine.Where(r => r[1] == "from").Select(Condition));
            Assert.Equal([$"except|{a}|{b}"], mine.Where(r => r[1] == "except").Select(Condition));
            Assert.Equal(Enumerable.Range(0, layers - 1).Select(s => $"window|{s}|{s + 1}"), mine.Where(r => r[1] == "window").Select(Condition));
        }
        Assert.Equal(3 * (layers + 1 + layers - 1), rows.Length);
        Assert.All(rows, r => Assert.InRange(Number(r[4]), 0, 1));
        Assert.All(rows, r => Assert.Equal(Scenes.ToString(), r[6]));
        // Blocking image -> text and generated in every layer leaves the model blind: it cannot keep every object.
        Assert.True(Number(rows.Single(r => Condition(r) == "from|-1|0" && r[0] == "img->txt+gen")[4]) < 1);
    }

    [Fact]
    public async Task LocalizationLocatesTheObjectsLostUnderTheKnockoutInEveryLayer()
    {
        int layers = (await _runs.ModelInfoAsync()).NumLayers;
        var rows = await _runs.RunTwiceAsync(o => LocalizationExperiment.RunAsync(o, toleranceCells: 1.0, CancellationToken.None), LocalizationExperiment.Name,
            ["layer", "accuracy_segmenter_masks", "accuracy_exact_masks", "objects"], LocalizationExperiment.Name + ".png");

        Assert.Equal(Enumerable.Range(0, layers).Select(l => l.ToString()), rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.InRange(Number(r[1]), 0, 1));
        Assert.All(rows, r => Assert.InRange(Number(r[2]), 0, 1));
        Assert.Single(rows.Select(r => r[3]).Distinct());
        Assert.True(Number(rows[0][3]) >= 1, "no lost object was located");
        // Accuracy is hits / objects: a multiple of 1 / objects.
        double objects = Number(rows[0][3]);
        Assert.All(rows, r => Assert.Equal(Math.Round(Number(r[2]) * objects), Number(r[2]) * objects, 2));
    }

    [Fact]
    public async Task SelectionScoresEachMethodAtEachK()
    {
        var rows = await _runs.RunTwiceAsync(o => SelectionExperiment.RunAsync(o, fastVLayer: 2, CancellationToken.None), SelectionExperiment.Name,
            ["method", "k", "f1_mean", "f1_std", "scenes"], SelectionExperiment.Name + ".png");

        string[] ks = ["0.02", "0.05", "0.1", "0.25", "0.5", "1"];
        string[] methods = ["attention", "random", "norm", "fastv"];
        Assert.Equal(methods.SelectMany(m => ks.Select(k => $"{m}|{k}")), rows.Select(r => $"{r[0]}|{r[1]}"));
        Assert.All(rows, r => Assert.InRange(Number(r[2]), 0, 1));
        Assert.All(rows, r => Assert.Equal(Scenes.ToString(), r[4]));
        // K = 100% keeps every image token: the masked description is the unmasked one.
        Assert.All(rows.Where(r => r[1] == "1"), r => Assert.Equal(1.0, Number(r[2])));
    }

    [Fact]
    public async Task RepromptAnswersFromEachContextAndCountsWhatEachAnswerWasConditionedOn()
    {
        int imageTokens = (await _runs.ModelInfoAsync()).ImageTokenCount;
        // The describe prompt's query positions (BOS, template words, instruction): every compressed context's prompt.
        var whole = await _runs.Decoder().CompressAsync(new CompressRequest
        {
            ImageBytes = ByteString.CopyFrom(new SceneGenerator().Scene(SceneSplit.Test, 0).EncodePng()), Prompt = new Prompt { Text = MeshRequests.DescribePrompt },
            Sampling = new SamplingParams { MaxTokens = 1 }, Selection = new TokenSelection { Method = SelectionMethod.Attention, K = 1 },
        });
        int queryTokens = whole.TokensFull - whole.ImageTokensFull;
        var rows = await _runs.RunTwiceAsync(o => RepromptExperiment.RunAsync(o, CancellationToken.None), RepromptExperiment.Name,
            ["context", "existence", "count", "colour", "shape", "position", "overall", "context_tokens", "context_bytes", "first_token_ms"],
            RepromptExperiment.Name + ".png");

        Assert.Equal(["full image + question", "query + top 5% image", "query + top 2% image", "top 5% image only", "query only", "description as text"],
                     rows.Select(r => r[0]));
        foreach (var row in rows)
        {
            Assert.InRange(Number(row[6]), 0, 1);
            Assert.All(row[1..6].Select(Number).Where(a => !double.IsNaN(a)), a => Assert.InRange(a, 0, 1));
            Assert.True(Number(row[9]) > 0, $"{row[0]}: no time to first token");
        }
        var tokens = rows.ToDictionary(r => r[0], r => Number(r[7]));
        var bytes = rows.ToDictionary(r => r[0], r => Number(r[8]));
        // Compressed contexts answer the same questions; they differ only in the image tokens and query tokens they keep.
        int top5 = (int)Math.Floor(0.05 * imageTokens + 1e-9), top2 = (int)Math.Floor(0.02 * imageTokens + 1e-9);
        Assert.Equal(top5, tokens["query + top 5% image"] - tokens["query only"], 3);
        Assert.Equal(top2, tokens["query + top 2% image"] - tokens["query only"], 3);
        Assert.Equal(1 + top5 - queryTokens, tokens["top 5% image only"] - tokens["query only"], 3);   // BOS + top 5%, no other query token
        Assert.True(tokens["query only"] > queryTokens, "the query-only row does not count the context's query tokens and the question");
        Assert.True(tokens["full image + question"] > imageTokens, "the full image row does not count the image");
        Assert.True(tokens["description as text"] > 1, "the description-as-text row does not count the description");
        Assert.Equal(0, bytes["full image + question"]);
        Assert.Equal(0, bytes["description as text"]);
        Assert.True(bytes["query only"] < bytes["query + top 2% image"] && bytes["query + top 2% image"] < bytes["query + top 5% image"]);
        Assert.True(bytes["top 5% image only"] < bytes["query + top 5% image"]);
    }

    static string Condition(string[] row) => $"{row[1]}|{row[2]}|{row[3]}";

    public void Dispose() => _runs.Dispose();
}
