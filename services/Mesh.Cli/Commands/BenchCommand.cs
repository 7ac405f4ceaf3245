using System.CommandLine;
using Mesh.Benchmarks;
using Mesh.Catalog;
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
            option.AtLeast(1);

        var decoder = new Command("decoder", "Prefill and decode speed of the decoder: fused, eager, eager keeping probabilities")
            { prompt, decode, runs, seed, output };
        decoder.SetAction(parse =>
        {
            var result = WithProgress(report => DecoderBenchmark.Run(
                parse.GetValue(prompt), parse.GetValue(decode), parse.GetValue(runs), parse.GetValue(seed), report));
            Publish("decoder", DecoderBenchReport.Markdown(result, MachineDescription.Current()), parse.GetValue(output));
            return 0;
        });
        return new Command("bench", "Benchmarks (not tests): print tables and update docs/benchmarks.md") { decoder, Interp(runs, seed, output), Gateway(runs, output), Training(runs, output) };
    }

    static Command Interp(Option<int> runs, Option<int> seed, Option<string?> output)
    {
        var prefix = new Option<int>("--prefix-tokens") { Description = "Prompt tokens before the image (BOS included)", DefaultValueFactory = _ => 5 }
            .AtLeast(1);
        var instruction = new Option<int>("--instruction-tokens") { Description = "Prompt tokens after the image", DefaultValueFactory = _ => 12 }
            .AtLeast(1);
        var question = new Option<int>("--question-tokens") { Description = "Follow-up question tokens", DefaultValueFactory = _ => 16 }.AtLeast(1);
        var decode = new Option<int>("--decode-tokens") { Description = "Decode steps per run", DefaultValueFactory = _ => 32 }.AtLeast(1);
        var k = new Option<double>("--k") { Description = "Fraction of image tokens the context keeps", DefaultValueFactory = _ => 0.05 }
            .Allowing(v => v > 0 && v <= 1, "in (0, 1]");
        var command = new Command("interp", "Trace overhead per decode step, and re-prompting from a compressed context vs the full prompt")
            { prefix, instruction, question, decode, k, runs, seed, output };
        command.SetAction(parse =>
        {
            var result = WithProgress(report => InterpBenchmark.Run(parse.GetValue(prefix), parse.GetValue(instruction), parse.GetValue(question),
                parse.GetValue(decode), parse.GetValue(runs), parse.GetValue(k), parse.GetValue(seed), report));
            Publish("interp", InterpBenchReport.Markdown(result, MachineDescription.Current()), parse.GetValue(output));
            return 0;
        });
        return command;
    }

    static Command Gateway(Option<int> runs, Option<string?> output)
    {
        var direct = AddressOption.WithDefault("--decoder", "The decoder's own gRPC address", MeshServices.Decoder.DefaultGrpcAddress);
        var gateway = AddressOption.WithDefault("--gateway", "The gateway's gRPC address", MeshServices.Gateway.DefaultGrpcAddress);
        var image = new Option<FileInfo>("--image") { Description = "Image to describe", Required = true };
        var prompt = new Option<string>("--prompt") { Description = "Prompt", DefaultValueFactory = _ => "describe the image" };
        var verbatim = new Option<bool>("--verbatim") { Description = "Send the prompt without the chat template" };
        var tokens = new Option<int>("--tokens") { Description = "Tokens per streamed generation", DefaultValueFactory = _ => 64 }.AtLeast(1);
        var unary = new Option<int>("--unary-calls") { Description = "GetModelInfo calls each way", DefaultValueFactory = _ => 500 }.AtLeast(1);
        var command = new Command("gateway", "Streaming tokens/s and unary latency straight to the decoder vs through the gateway (needs `mesh up`)")
            { direct, gateway, image, prompt, verbatim, tokens, unary, runs, output };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var request = GatewayBenchmark.Request(await File.ReadAllBytesAsync(parse.GetValue(image)!.FullName, ct), parse.GetValue(prompt)!,
                                                   parse.GetValue(verbatim), parse.GetValue(tokens));
            GatewayBenchResult result = null!;
            await AnsiConsole.Status().StartAsync("starting", async ctx =>
                result = await GatewayBenchmark.RunAsync(parse.GetValue(direct)!, parse.GetValue(gateway)!, request, parse.GetValue(runs),
                                                         parse.GetValue(unary), m => ctx.Status(m), ct));
            using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(parse.GetValue(direct)!);
            var info = await new Mesh.Contracts.Decoder.V1.Decoder.DecoderClient(channel).GetModelInfoAsync(new(), cancellationToken: ct);
            Publish("gateway", GatewayBenchReport.Markdown(result, info.ModelName, MachineDescription.Current()), parse.GetValue(output));
            return 0;
        }, new ServiceTarget($"the decoder at {parse.GetValue(direct)} or the gateway", parse.GetValue(gateway)!,
                             "start the mesh with `mesh up`, or pass --decoder and --gateway with the running services' addresses")));
        return command;
    }

    static Command Training(Option<int> runs, Option<string?> output)
    {
        var model = new Option<string>("--model") { Description = "Model directory whose recorded recipe (config.json, mesh.training) is timed", DefaultValueFactory = _ => GenerateCommand.DefaultModel };
        var steps = new Option<int>("--steps-per-run") { Description = "Steps of each kind per run", DefaultValueFactory = _ => 20 }.AtLeast(1);
        var command = new Command("training", "Optimizer step time of `mesh train` on a model's recorded recipe, and the recipe's projected minutes")
            { model, steps, runs, output };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string directory = parse.GetValue(model)!;
            var result = WithProgress(report => TrainingBenchmark.Run(directory, parse.GetValue(steps), parse.GetValue(runs), report));
            Publish("training", TrainingBenchReport.Markdown(result, directory, MachineDescription.Current()), parse.GetValue(output));
            return 0;
        }));
        return command;
    }

    static T WithProgress<T>(Func<Action<string>, T> run)
    {
        T result = default!;
        AnsiConsole.Progress().Columns(new SpinnerColumn(), new TaskDescriptionColumn(), new ElapsedTimeColumn()).Start(ctx =>
        {
            var task = ctx.AddTask("starting").IsIndeterminate();
            result = run(message => task.Description = message);
            task.StopTask();
        });
        return result;
    }

    static void Publish(string section, string markdown, string? path)
    {
        AnsiConsole.WriteLine(markdown);
        if (path is null) return;
        BenchmarkDocument.WriteSection(path, section, markdown);
        AnsiConsole.MarkupLineInterpolated($"[green]wrote[/] {path}");
    }
}
