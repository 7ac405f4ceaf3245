using System.CommandLine;
using Mesh.Cli.Bench;
using Spectre.Console;

namespace Mesh.Cli.Commands;

/// <summary><c>mesh bench decoder</c>: measures, prints and records the decoder benchmark.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var prompt = new Option<int>("--prompt-tokens") { Description = "Prompt length for prefill", DefaultValueFactory = _ => 640 };
        var decode = new Option<int>("--decode-tokens") { Description = "Decode steps per run", DefaultValueFactory = _ => 64 };
        var runs = new Option<int>("--runs") { Description = "Timed runs (median reported)", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random weights and prompt", DefaultValueFactory = _ => 1234 };
        var output = new Option<string?>("--write") { Description = "Markdown file whose decoder section is replaced (e.g. docs/benchmarks.md)" };
        foreach (var option in new[] { prompt, decode, runs })
            option.Validators.Add(r => { if (r.GetValueOrDefault<int>() <= 0) r.AddError($"{r.Option.Name} must be positive"); });

        var decoder = new Command("decoder", "Prefill and decode speed of the decoder: fused, eager, eager keeping probabilities")
            { prompt, decode, runs, seed, output };
        decoder.SetAction(parse =>
        {
            DecoderBenchResult result = null!;
            AnsiConsole.Progress().Columns(new SpinnerColumn(), new TaskDescriptionColumn(), new ElapsedTimeColumn()).Start(ctx =>
            {
                var task = ctx.AddTask("starting").IsIndeterminate();
                result = DecoderBenchmark.Run(parse.GetValue(prompt), parse.GetValue(decode), parse.GetValue(runs), parse.GetValue(seed),
                    message => task.Description = message);
                task.StopTask();
            });
            string markdown = DecoderBenchReport.Markdown(result, MachineDescription.Current());
            AnsiConsole.WriteLine(markdown);
            if (parse.GetValue(output) is { } path)
            {
                BenchmarkDocument.WriteSection(path, "decoder", markdown);
                AnsiConsole.MarkupLineInterpolated($"[green]wrote[/] {path}");
            }
            return 0;
        });
        return new Command("bench", "Benchmarks (not tests): print tables and update docs/benchmarks.md") { decoder };
    }
}
