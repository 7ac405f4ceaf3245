using System.CommandLine;
using Mesh.Catalog;
using Mesh.Core.Decoding;
using Mesh.Core.Loading;
using Mesh.Core.Vision;
using Spectre.Console;

namespace Mesh.Cli.Commands;

/// <summary><c>mesh generate</c>: streams a generation from an image and a prompt on a local model directory.</summary>
public static class GenerateCommand
{
    public const string DefaultModel = "models/shapes-vlm";

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model directory (docs/design.md section 3)", DefaultValueFactory = _ => DefaultModel };
        var image = new Option<string?>("--image") { Description = "Image file (default: the model directory's image.png, if any)" };
        var prompt = new Option<string>("--prompt") { Description = "Instruction, framed by the model's chat template", DefaultValueFactory = _ => "describe the image" };
        var verbatim = new Option<bool>("--verbatim") { Description = "Use --prompt exactly as written (no template, no BOS); <image> marks the image" };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Most tokens to generate", DefaultValueFactory = _ => 32 }.AtLeast(1);
        var temperature = new Option<float>("--temperature") { Description = "0 = greedy; otherwise sampled", DefaultValueFactory = _ => 0f }
            .Allowing(t => float.IsFinite(t) && t >= 0, "at least 0 (0 = greedy)");
        var topP = new Option<float>("--top-p") { Description = "Nucleus mass kept when sampling, in (0, 1]", DefaultValueFactory = _ => 1f }
            .Allowing(p => p > 0 && p <= 1, "in (0, 1]");
        var seed = new Option<int>("--seed") { Description = "Sampling seed", DefaultValueFactory = _ => 0 };
        var device = EnumOption.Create("--device", "Where the model runs (auto: CUDA when built with it and present)", ExecutionDevice.Auto,
                                       ExecutionDevice.Auto, ExecutionDevice.Cpu, ExecutionDevice.Cuda);
        var command = new Command("generate", "Stream a generation from an image and a prompt")
            { model, image, prompt, verbatim, maxTokens, temperature, topP, seed, device };
        command.SetAction((parse, cancellationToken) =>
        {
            var options = new GenerationOptions
            {
                MaxNewTokens = parse.GetValue(maxTokens),
                Sampling = new SamplingOptions { Temperature = parse.GetValue(temperature), TopP = parse.GetValue(topP), Seed = parse.GetValue(seed) },
            };
            var request = new GenerateRequest(parse.GetValue(model)!, parse.GetValue(image), parse.GetValue(prompt)!, parse.GetValue(verbatim), options);
            return Task.FromResult(CliErrors.Run(() => Run(request, parse.GetEnum<ExecutionDevice>(device), cancellationToken)));
        });
        return command;
    }

    sealed record GenerateRequest(string Model, string? Image, string Prompt, bool Verbatim, GenerationOptions Options);

    static int Run(GenerateRequest request, ExecutionDevice device, CancellationToken cancellationToken)
    {
        using var vlm = AnsiConsole.Status().Start($"loading {request.Model}", _ =>
            VisionLanguageModel.Load(request.Model, new ModelLoadOptions { Device = device }));
        string? imagePath = request.Image ?? DefaultImage(vlm);
        var layout = request.Verbatim ? vlm.BuildVerbatimPrompt(request.Prompt) : vlm.BuildPrompt(request.Prompt, withImage: imagePath is not null);
        ImageFeatures? features = null;
        if (layout.HasImage)
        {
            if (imagePath is null) throw new ArgumentException("the prompt has an image but no --image was given");
            features = vlm.EncodeImage(File.ReadAllBytes(imagePath));
        }
        AnsiConsole.MarkupLineInterpolated($"[grey]model[/] {vlm.Directory}  [grey]image[/] {imagePath ?? "none"}  [grey]prompt tokens[/] {layout.Length} (image {layout.ImageStart}..{layout.ImageEnd})");
        using var embeds = vlm.EmbedPrompt(layout, features);
        var result = Generation.Generate(vlm.Decoder, embeds, request.Options with { StopTokenIds = vlm.StopTokenIds },
            onToken: token => AnsiConsole.Markup(Markup.Escape(vlm.Tokenizer.DecodeToken(token.TokenId))),
            cancellationToken: cancellationToken);
        AnsiConsole.WriteLine();
        double decodeRate = (result.TokenIds.Length - 1) / Math.Max(result.DecodeTime.TotalSeconds, 1e-9);
        AnsiConsole.MarkupLineInterpolated(
            $"[grey]{result.TokenIds.Length} tokens, stop: {result.StopCause}, prefill {result.PrefillTime.TotalMilliseconds:F1} ms, decode {decodeRate:F1} tokens/s[/]");
        AnsiConsole.MarkupLineInterpolated($"[grey]token ids[/] {string.Join(' ', result.TokenIds)}");
        return 0;
    }

    static string? DefaultImage(VisionLanguageModel vlm)
    {
        string candidate = Path.Combine(vlm.Directory, "image.png");
        return vlm.Config.IsMultimodal && File.Exists(candidate) ? candidate : null;
    }
}
