using System.CommandLine;
using Mesh.Cli.Experiments;
using Mesh.Core.Scenes;

namespace Mesh.Cli.Commands;

/// <summary><c>mesh experiment NAME</c>: the paper's analyses over Shapes scenes, through the mesh.</summary>
public static class ExperimentCommand
{
    public static Command Create()
    {
        var address = new Option<string>("--address") { Description = "Gateway (default: MESH_GATEWAY or the local mesh)", DefaultValueFactory = _ => DescribeCommand.DefaultAddress };
        var apiKey = new Option<string?>("--api-key") { Description = "API key for the gateway (default: MESH_API_KEY)" };
        var split = new Option<SceneSplit>("--split") { Description = "Scene split", DefaultValueFactory = _ => SceneSplit.Test };
        var start = new Option<int>("--start") { Description = "First scene index", DefaultValueFactory = _ => 0 };
        var count = new Option<int>("--count") { Description = "Number of scenes", DefaultValueFactory = _ => 80 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder", DefaultValueFactory = _ => new DirectoryInfo("results") };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Most tokens per description", DefaultValueFactory = _ => 48 };
        var fresh = new Option<bool>("--fresh") { Description = "Recompute every scene instead of resuming from saved results" };
        count.Validators.Add(r => { if (r.GetValueOrDefault<int>() <= 0) r.AddError("--count must be positive"); });
        start.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 0) r.AddError("--start must not be negative"); });

        ExperimentOptions Options(ParseResult parse) => new(parse.GetValue(address)!, parse.GetValue(apiKey), parse.GetValue(split),
            parse.GetValue(start), parse.GetValue(count), parse.GetValue(output)!, parse.GetValue(maxTokens), !parse.GetValue(fresh));

        var fractions = new Command(AttentionFractionsExperiment.Name, "Per-layer attention to IMAGE, QUERY and GENERATED (PAPER.md section 2)");
        fractions.SetAction((parse, ct) => CliErrors.RunAsync(async () => { await AttentionFractionsExperiment.RunAsync(Options(parse), ct); return 0; }));

        var experiment = new Command("experiment", "Reproduce the paper's analyses on the served model (CSV, markdown and PNG per experiment)") { fractions };
        foreach (var option in new Option[] { address, apiKey, split, start, count, output, maxTokens, fresh })
        {
            option.Recursive = true;
            experiment.Options.Add(option);
        }
        return experiment;
    }
}
