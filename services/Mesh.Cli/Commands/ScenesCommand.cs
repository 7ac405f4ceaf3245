using System.CommandLine;
using ImageMagick;
using Mesh.Shapes.Scenes;
using Spectre.Console;

namespace Mesh.Cli.Commands;

/// <summary><c>mesh scenes export|show</c>: the Shapes world's scenes as files, or one scene on the console.</summary>
public static class ScenesCommand
{
    public static Command Create()
    {
        return new Command("scenes", "The Shapes world: generated scenes with exact objects, masks, descriptions and questions")
            { Export(), Show() };
    }

    static Command Export()
    {
        var split = SplitOption();
        var count = new Option<int>("--count") { Description = "Number of scenes", DefaultValueFactory = _ => 100 }.AtLeast(1);
        var start = new Option<long>("--start") { Description = "Index of the first scene", DefaultValueFactory = _ => 0 }.AtLeast(0L);
        var output = new Option<string>("--out") { Description = "Output directory (created if missing)", Required = true };
        var size = SizeOption();
        var command = new Command("export", "Write scenes of a split as PNG + JSON (objects, masks as COCO run lengths, description, questions)")
            { split, count, start, output, size };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var generator = new SceneGenerator(new SceneOptions { ImageSize = parse.GetValue(size) });
            int n = parse.GetValue(count);
            CheckWithinSplit(parse.GetEnum<SceneSplit>(split), parse.GetValue(start), n, start.Name, count.Name);
            string directory = parse.GetValue(output)!;
            IReadOnlyList<string> written = [];
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask($"{SceneSplits.Name(parse.GetEnum<SceneSplit>(split))} scenes", maxValue: Math.Max(n, 1));
                    written = SceneExporter.Export(generator, parse.GetEnum<SceneSplit>(split), parse.GetValue(start), n, directory, done => task.Value = done);
                });
            AnsiConsole.MarkupLineInterpolated($"[green]wrote[/] {written.Count} files to {directory}");
            return 0;
        }));
        return command;
    }

    static Command Show()
    {
        var split = SplitOption();
        var index = new Option<long>("--index") { Description = "Index of the scene in the split", DefaultValueFactory = _ => 0 }.AtLeast(0L);
        var size = SizeOption();
        var png = new Option<string?>("--png") { Description = "Also write the image here, enlarged 8 times (nearest neighbour)" };
        var command = new Command("show", "Print one scene's objects, description and questions") { split, index, size, png };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            CheckWithinSplit(parse.GetEnum<SceneSplit>(split), parse.GetValue(index), 1, index.Name, countOption: null);
            var scene = new SceneGenerator(new SceneOptions { ImageSize = parse.GetValue(size) }).Scene(parse.GetEnum<SceneSplit>(split), parse.GetValue(index));
            AnsiConsole.MarkupLineInterpolated($"[grey]seed[/] {scene.Seed}  [grey]description[/] {scene.Description}");
            var objects = new Table().AddColumns("kind", "colour", "size", "cell", "centre", "visible px");
            foreach (var o in scene.Objects)
                objects.AddRow(o.Kind.Word(), o.Colour.Word(), o.Size.Word(), o.Cell.Name, $"({o.CentreX:F1}, {o.CentreY:F1})", $"{o.Mask.Area}");
            AnsiConsole.Write(objects);
            var questions = new Table().AddColumns("category", "question", "answer");
            foreach (var q in scene.Questions)
                questions.AddRow(q.Category.ToString().ToLowerInvariant(), q.Question, q.Answer);
            AnsiConsole.Write(questions);
            if (parse.GetValue(png) is { } path)
            {
                using var image = new MagickImage(scene.EncodePng());
                image.FilterType = FilterType.Point;
                image.Resize(image.Width * 8, image.Height * 8);
                image.Write(path, MagickFormat.Png);
                AnsiConsole.MarkupLineInterpolated($"[green]wrote[/] {path}");
            }
            return 0;
        }));
        return command;
    }

    /// <summary>The <c>--split</c> option of the commands that draw scenes.</summary>
    public static Option<string> SplitOption() =>
        EnumOption.Create("--split", "The split the scenes come from", SceneSplit.Test, SceneSplit.Train, SceneSplit.Validation, SceneSplit.Test);

    static Option<int> SizeOption() =>
        new Option<int>("--size") { Description = "Image width and height in pixels", DefaultValueFactory = _ => 64 }
            .InRangeOf<SceneOptions, int>(nameof(SceneOptions.ImageSize));

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the options when scenes <paramref name="start"/> .. start + count - 1
    /// (one scene, an index, when <paramref name="countOption"/> is null) run past the end of <paramref name="split"/>.
    /// </summary>
    public static void CheckWithinSplit(SceneSplit split, long start, int count, string startOption, string? countOption)
    {
        long size = SceneSplits.Size(split);
        if (start + count <= size) return;
        throw new ArgumentException(countOption is null
            ? $"{startOption} must be between 0 and {size - 1} in the {SceneSplits.Name(split)} split; got {start}"
            : $"{startOption} {start} and {countOption} {count} run past the {SceneSplits.Name(split)} split's {size} scenes (0..{size - 1})");
    }
}
