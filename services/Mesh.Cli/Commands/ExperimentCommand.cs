using System.CommandLine;
using Mesh.Experiments;
using Mesh.Shapes.Scenes;

namespace Mesh.Cli.Commands;

/// <summary><c>mesh experiment NAME</c>: the paper's analyses over Shapes scenes, through the mesh.</summary>
public static class ExperimentCommand
{
    public static Command Create()
    {
        var address = AddressOption.Gateway("Gateway (default: MESH_GATEWAY or the local mesh)");
        var apiKey = new Option<string?>("--api-key") { Description = "API key for the gateway (default: MESH_API_KEY)" };
        var split = ScenesCommand.SplitOption();
        var start = new Option<int>("--start") { Description = "First scene index", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var count = new Option<int>("--count") { Description = "Number of scenes", DefaultValueFactory = _ => 80 }.AtLeast(1);
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder", DefaultValueFactory = _ => new DirectoryInfo("results") };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Most tokens per description", DefaultValueFactory = _ => 48 }.AtLeast(1);
        var fresh = new Option<bool>("--fresh") { Description = "Recompute every scene instead of resuming from saved results" };

        ServiceTarget Target(ParseResult parse) => ServiceTarget.Gateway(parse.GetValue(address)!);
        ExperimentOptions Options(ParseResult parse)
        {
            ScenesCommand.CheckWithinSplit(parse.GetEnum<SceneSplit>(split), parse.GetValue(start), parse.GetValue(count), start.Name, count.Name);
            return new(parse.GetValue(address)!, parse.GetValue(apiKey), parse.GetEnum<SceneSplit>(split),
                parse.GetValue(start), parse.GetValue(count), parse.GetValue(output)!, parse.GetValue(maxTokens), !parse.GetValue(fresh));
        }

        var fractions = new Command(AttentionFractionsExperiment.Name, "Per-layer attention to IMAGE, QUERY and GENERATED (docs/paper.md section 2)");
        fractions.SetAction((parse, ct) => CliErrors.RunAsync(async () => { (await AttentionFractionsExperiment.RunAsync(Options(parse), ct)).Print(); return 0; }, Target(parse)));

        var window = new Option<int>("--window") { Description = "Width of the sliding knockout window, in layers", DefaultValueFactory = _ => 2 }
            .AtLeast(1);
        var knockout = new Command(KnockoutExperiment.Name, "The three knockout strategies: from layer l, except [a, b], sliding window (docs/paper.md section 3)") { window };
        knockout.SetAction((parse, ct) => CliErrors.RunAsync(async () => { (await KnockoutExperiment.RunAsync(Options(parse), parse.GetValue(window), ct)).Print(); return 0; }, Target(parse)));

        var fastV = new Option<int>("--fastv-layer") { Description = "Layer at which FastV ranks the image tokens", DefaultValueFactory = _ => 2 }
            .AtLeast(0);
        var selection = new Command(SelectionExperiment.Name, "Masked generation F1 against K for attention, random, norm and FastV (docs/paper.md section 6)") { fastV };
        selection.SetAction((parse, ct) => CliErrors.RunAsync(async () => { (await SelectionExperiment.RunAsync(Options(parse), parse.GetValue(fastV), ct)).Print(); return 0; }, Target(parse)));

        var reprompt = new Command(RepromptExperiment.Name, "VQA from the full image, compressed contexts and the description as text (docs/paper.md section 7)");
        reprompt.SetAction((parse, ct) => CliErrors.RunAsync(async () => { (await RepromptExperiment.RunAsync(Options(parse), ct)).Print(); return 0; }, Target(parse)));

        var tolerance = new Option<double>("--tolerance-cells") { Description = "How far outside the mask a peak may fall and still hit, in grid cells", DefaultValueFactory = _ => 1.0 }
            .AtLeast(0.0);
        var localization = new Command(LocalizationExperiment.Name, "Per-layer localization of objects lost under KO img->gen (docs/paper.md section 5)") { tolerance };
        localization.SetAction((parse, ct) => CliErrors.RunAsync(async () => { (await LocalizationExperiment.RunAsync(Options(parse), parse.GetValue(tolerance), ct)).Print(); return 0; }, Target(parse)));

        var experiment = new Command("experiment", "Reproduce the paper's analyses on the served model (CSV, markdown and PNG per experiment)")
            { fractions, knockout, localization, selection, reprompt };
        foreach (var option in new Option[] { address, apiKey, split, start, count, output, maxTokens, fresh })
        {
            option.Recursive = true;
            experiment.Options.Add(option);
        }

        return experiment;
    }
}
