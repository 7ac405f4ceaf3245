using System.CommandLine;
using Mesh.Catalog;
using Mesh.Shapes.Evaluation;
using Mesh.Core.Loading;
using Mesh.Shapes.Scenes;
using Spectre.Console;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>mesh eval</c>: measures a Shapes model directory on a split's scenes through the served path (vision.onnx,
/// chat template, cached greedy decoding): description object F1 overall and by object count, VQA accuracy by category.
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model directory trained on the Shapes world", DefaultValueFactory = _ => GenerateCommand.DefaultModel };
        var split = ScenesCommand.SplitOption();
        var start = new Option<long>("--start") { Description = "Index of the first scene", DefaultValueFactory = _ => 0 }.AtLeast(0L);
        var count = new Option<int>("--count") { Description = "Number of scenes", DefaultValueFactory = _ => (int)SceneSplits.TestSize }.AtLeast(1);
        var textOnly = new Option<bool>("--text-only") { Description = "Also ask each question after the true description as text (no image)" };
        var byForm = new Option<bool>("--by-form")
        {
            Description = "Also ask every question of each scene and report accuracy by question form: category, yes/no or open answer, and the attributes the question names its object by",
        };
        var command = new Command("eval", "Measure a Shapes model on a split: description object F1 and VQA accuracy")
            { model, split, start, count, textOnly, byForm };
        command.SetAction((parse, cancellation) => Task.FromResult(CliErrors.Run(() =>
        {
            ScenesCommand.CheckWithinSplit(parse.GetEnum<SceneSplit>(split), parse.GetValue(start), parse.GetValue(count), start.Name, count.Name);
            return Run(parse.GetValue(model)!, parse.GetEnum<SceneSplit>(split), parse.GetValue(start), parse.GetValue(count), parse.GetValue(textOnly),
                parse.GetValue(byForm), cancellation);
        })));
        return command;
    }

    static int Run(string directory, SceneSplit split, long start, int count, bool textOnly, bool byForm, CancellationToken cancellation)
    {
        using var model = VisionLanguageModel.Load(directory);
        var scenes = new SceneGenerator(new SceneOptions { ImageSize = model.Config.Vision?.ImageSize ?? throw new ArgumentException($"{directory} takes no image") });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ShapesEvaluation result = null!;
        AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"{SceneSplits.Name(split)} scenes", maxValue: count);
                result = ShapesEvaluator.Evaluate(new ModelResponder(model), scenes, split, start, count, textOnly,
                    new InlineProgress(done => task.Value = done), cancellation, byForm);
            });
        AnsiConsole.Write(Table(result, directory));
        if (byForm) AnsiConsole.Write(FormTable(result));
        AnsiConsole.MarkupLineInterpolated($"[grey]{count} scenes in {clock.Elapsed.TotalSeconds:F0} s[/]");
        return 0;
    }

    static Table Table(ShapesEvaluation r, string directory)
    {
        var table = new Table().Title($"{directory}: {SceneSplits.Name(r.Split)} scenes {r.Start}..{r.Start + r.Scenes - 1}")
            .AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("description object F1 (colour, kind)", $"{r.Objects.F1:F3}  P {r.Objects.Precision:F3} R {r.Objects.Recall:F3}");
        table.AddRow("description kind-only F1", $"{r.Kinds.F1:F3}");
        table.AddRow("exact descriptions", $"{(double)r.ExactDescriptions / r.Scenes:F3} ({r.ExactDescriptions}/{r.Scenes})");
        foreach (var (n, score) in r.ObjectsByCount)
            table.AddRow($"  object F1, {n} object{(n == 1 ? "" : "s")} ({r.ScenesByCount[n]} scenes)", $"{score.F1:F3}");
        foreach (var (category, accuracy) in r.Vqa)
            table.AddRow($"VQA {category.ToString().ToLowerInvariant()}", accuracy.ToString());
        table.AddRow("[bold]VQA overall[/]", r.VqaOverall.ToString());
        if (r.TextOnly.Total > 0) table.AddRow("text-only QA (description as text)", r.TextOnly.ToString());
        return table;
    }

    static Table FormTable(ShapesEvaluation r)
    {
        var table = new Table().Title($"every question of the {r.Scenes} scenes, by form")
            .AddColumn("category").AddColumn("answer").AddColumn("object named by")
            .AddColumn(new TableColumn("with the image").RightAligned());
        if (r.TextOnlyByForm.Count > 0) table.AddColumn(new TableColumn("description as text").RightAligned());
        foreach (var (form, accuracy) in r.VqaByForm)
        {
            string[] row = [form.Category.ToString().ToLowerInvariant(), form.YesNo ? "yes/no" : "open", form.NamedBy.Phrase(), accuracy.ToString()];
            table.AddRow(r.TextOnlyByForm.TryGetValue(form, out var text) ? [.. row, text.ToString()] : row);
        }
        return table;
    }

    sealed class InlineProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
