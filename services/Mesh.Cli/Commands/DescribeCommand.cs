using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using Grpc.Net.Client;
using Mesh.Catalog;
using Mesh.Cli.Client;
using Mesh.Clients;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Decoder.V1;
using Mesh.Experiments;
using Spectre.Console;

namespace Mesh.Cli.Commands;

/// <summary><c>mesh describe IMAGE</c>: streams a description through the mesh with per-layer attention fractions.</summary>
public static class DescribeCommand
{
    /// <summary>The gateway when none is given: MESH_GATEWAY, else the local mesh's gateway.</summary>
    public static string DefaultAddress =>
        Environment.GetEnvironmentVariable("MESH_GATEWAY") ?? MeshServices.Gateway.DefaultGrpcAddress.ToString();

    public static Command Create()
    {
        var image = new Argument<FileInfo>("image") { Description = "Image file (PNG, JPEG, ...)" };
        var address = AddressOption.Gateway("Gateway or decoder address (default: MESH_GATEWAY or the local mesh)");
        var prompt = new Option<string>("--prompt") { Description = "Instruction", DefaultValueFactory = _ => "describe the image" };
        var verbatim = new Option<bool>("--verbatim") { Description = "Send --prompt exactly as written (no chat template); <image> marks the image" };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Most tokens to generate (0 = the server's default)", DefaultValueFactory = _ => 0 }
            .AtLeast(0);
        var heatmapToken = new Option<int?>("--heatmap-token") { Description = "Draw this token's attention over the image (also asks for image maps)" }
            .InRangeWhenGiven(0, int.MaxValue);
        var heatmapLayer = new Option<int?>("--heatmap-layer") { Description = "Layer of the heatmap (default: the middle layer)" }
            .InRangeWhenGiven(0, int.MaxValue);
        var knockout = new Option<string?>("--knockout") { Description = $"Block an attention edge while describing: {string.Join(", ", KnockoutNames.Keys)}" };
        knockout.AcceptOnlyFromAmong([.. KnockoutNames.Keys]);
        var layers = LayerSetArgument.Create("--layers", "Layers of the knockout (default: all)");
        var trace = new Option<string>("--trace") { Description = "Attention streamed per token: none, fractions, or image-maps (default: fractions; image-maps with --heatmap-token)" };
        trace.AcceptOnlyFromAmong([.. TraceNames.Keys]);
        var traceLayers = LayerSetArgument.Create("--trace-layers", "Layers traced (default: all)");
        var apiKey = new Option<string?>("--api-key") { Description = "API key for the gateway (default: MESH_API_KEY)" };
        var up = new Option<bool>("--up") { Description = "Start a local mesh for this description (as `mesh up`, on free ports) and stop it afterwards" };
        var model = UpCommand.ModelOption("With --up: the model directory the mesh serves (default: models/shapes-vlm)");
        var command = new Command("describe", "Stream a description of an image with per-layer attention fractions")
            { image, address, prompt, verbatim, maxTokens, heatmapToken, heatmapLayer, knockout, layers, trace, traceLayers, apiKey, up, model };
        command.Validators.Add(r =>
        {
            if (r.GetValue(layers) is not null && r.GetValue(knockout) is null)
                r.AddError("--layers chooses the knockout's layers; give --knockout too");
            if (r.GetValue(heatmapToken) is not null && r.GetValue(trace) is { } t && TraceNames[t] != TraceLevel.ImageMaps)
                r.AddError("--heatmap-token draws an image map; use --trace image-maps or leave --trace out");
            if (r.GetValue(model) is not null && !r.GetValue(up))
                r.AddError("--model chooses the model of a mesh started with --up; a running mesh serves its own");
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(image)!;
            if (!file.Exists) { AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {file.FullName} does not exist"); return 2; }
            var request = new GenerateRequest
            {
                ImageBytes = ByteString.CopyFrom(await File.ReadAllBytesAsync(file.FullName, cancellationToken)),
                Prompt = new Prompt { Text = parse.GetValue(prompt)!, Verbatim = parse.GetValue(verbatim) },
                Sampling = new SamplingParams { MaxTokens = parse.GetValue(maxTokens) },
                Trace = new TraceOptions
                {
                    Level = parse.GetValue(trace) is { } t ? TraceNames[t] : parse.GetValue(heatmapToken) is null ? TraceLevel.Fractions : TraceLevel.ImageMaps,
                    Layers = LayerSet(parse.GetValue(traceLayers), "--trace-layers"),
                },
            };
            if (parse.GetValue(knockout) is { } edge)
                request.Knockout = KnockoutCondition.ToProto(KnockoutNames[edge], LayerSet(parse.GetValue(layers), "--layers"));
            Task<int> Describe(string at) => CliErrors.RunAsync(() => Run(at, parse.GetValue(apiKey), request,
                                                                          parse.GetValue(heatmapToken), parse.GetValue(heatmapLayer), cancellationToken),
                                                                ServiceTarget.Gateway(at, hasUp: true));
            if (!parse.GetValue(up)) return await Describe(parse.GetValue(address)!);
            var (mesh, exitCode) = await UpCommand.StartAsync(
                new Up.LaunchOptions(Build: true, FreePorts: true, TimeSpan.FromSeconds(180), parse.GetValue(model)?.FullName), cancellationToken);
            if (mesh is null) return exitCode;
            await using (mesh) return await Describe(mesh.Gateway.Ports.GrpcAddress.ToString());
        });
        return command;
    }

    /// <summary>The knockout edges by their command-line names: the strategies of docs/paper.md section 3.</summary>
    public static readonly IReadOnlyDictionary<string, string> KnockoutNames = new Dictionary<string, string>
    {
        ["image-generated"] = "img->gen", ["image-query"] = "img->txt", ["image-both"] = "img->txt+gen",
    };

    static readonly Dictionary<string, TraceLevel> TraceNames = new()
    {
        ["none"] = TraceLevel.None, ["fractions"] = TraceLevel.Fractions, ["image-maps"] = TraceLevel.ImageMaps,
    };

    static Mesh.Contracts.Common.V1.LayerSet? LayerSet(string? text, string name) => text is null ? null : LayerSetArgument.Parse(text, name);

    static async Task<int> Run(string address, string? apiKey, GenerateRequest request, int? heatmapToken, int? heatmapLayer, CancellationToken cancellationToken)
    {
        using var channel = GrpcChannel.ForAddress(address);
        var client = new Decoder.DecoderClient(channel);
        var headers = ApiKey.Headers(apiKey);
        using var call = client.Generate(request, headers, cancellationToken: cancellationToken);
        var run = await DescribeRun.ReadAsync(call, token => AnsiConsole.Markup(Markup.Escape(token.Text)), cancellationToken);
        AnsiConsole.WriteLine();
        if (run.Traces.Count > 0) AnsiConsole.Write(FractionsTable(run));
        if (run.Summary is { } s)
            AnsiConsole.MarkupLineInterpolated(
                $"[grey]{s.GeneratedTokens} tokens, {s.PromptTokens} prompt tokens, first token {s.TimeToFirstToken.ToTimeSpan().TotalMilliseconds:F0} ms, total {s.TotalTime.ToTimeSpan().TotalMilliseconds:F0} ms, stop {s.StopReason}[/]");
        if (heatmapToken is int token) Heatmap(run, token, heatmapLayer);
        return 0;
    }

    static Table FractionsTable(DescribeRun run)
    {
        var table = new Table().Title("attention of the predicting rows, mean ± std over tokens").AddColumns("layer", "IMAGE", "QUERY", "GENERATED", "");
        foreach (var l in run.FractionStats())
            table.AddRow(l.Layer.ToString(CultureInfo.InvariantCulture), Cell(l.Image), Cell(l.Query), Cell(l.Generated),
                         $"[blue]{new string('█', (int)Math.Round(l.Image.Mean * 20))}[/][green]{new string('█', (int)Math.Round(l.Query.Mean * 20))}[/][yellow]{new string('█', (int)Math.Round(l.Generated.Mean * 20))}[/]");
        return table.Caption("[blue]█ image[/]  [green]█ query[/]  [yellow]█ generated[/]");
    }

    static string Cell(Mesh.Judging.ScoreSummary v) => string.Create(CultureInfo.InvariantCulture, $"{v.Mean:F3} ± {v.Std:F3}");

    static void Heatmap(DescribeRun run, int token, int? layer)
    {
        if (!run.Traces.TryGetValue(token, out var traces))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]no trace for token {token}[/]: the run produced tokens 0..{run.Tokens.Count - 1}");
            return;
        }
        var chosen = layer is int l ? traces.Layers.FirstOrDefault(x => x.Layer == l) : traces.Layers[traces.Layers.Count / 2];
        if (chosen?.ImageMap is not { } map)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]no image map for layer {layer}[/]; traced layers: {string.Join(", ", traces.Layers.Select(x => x.Layer))}");
            return;
        }
        AnsiConsole.MarkupLineInterpolated($"token {token} [bold]{run.Tokens[token].Text.Trim()}[/], layer {chosen.Layer}: attention over the {map.GridRows}x{map.GridCols} image grid");
        AnsiConsole.Write(AttentionHeatmap.Render(map, Math.Max(1, 24 / Math.Max(map.GridRows, map.GridCols))));
    }
}
