using System.CommandLine;
using Mesh.Import;
using Mesh.Core.Loading;
using Mesh.Import.Onnx;
using Spectre.Console;

namespace Mesh.Cli.Commands;

/// <summary><c>mesh import &lt;hf-llava-folder&gt; &lt;out-folder&gt;</c>: a Hugging Face LLaVA checkpoint as a Mesh model directory.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("hf-llava-folder") { Description = "Hugging Face LLaVA folder (config.json, safetensors, preprocessor and tokenizer files)" };
        var output = new Argument<string>("out-folder") { Description = "Model directory to write (docs/design.md section 3)" };
        var dtype = new Option<string>("--dtype") { Description = "Decoder and projector weights: keep, f32, f16 or bf16", DefaultValueFactory = _ => "keep" };
        var vision = new Option<string>("--vision-dtype") { Description = "vision.onnx precision: auto (f16 for a 16-bit tower), f32 or f16", DefaultValueFactory = _ => "auto" };
        var overwrite = new Option<bool>("--overwrite") { Description = "Write into a folder that already holds files" };
        dtype.AcceptOnlyFromAmong("keep", "f32", "f16", "bf16");
        vision.AcceptOnlyFromAmong("auto", "f32", "f16");
        var command = new Command("import", "Import a Hugging Face LLaVA checkpoint: config, weights, vision.onnx emitted in C#, tokenizer")
            { source, output, dtype, vision, overwrite };
        command.SetAction(parse =>
        {
            var options = new ImportOptions
            {
                WeightsDType = parse.GetValue(dtype) switch { "f32" => SafeTensorDType.F32, "f16" => SafeTensorDType.F16, "bf16" => SafeTensorDType.BF16, _ => null },
                VisionPrecision = parse.GetValue(vision) switch { "f32" => OnnxPrecision.F32, "f16" => OnnxPrecision.F16, _ => null },
                Overwrite = parse.GetValue(overwrite),
            };
            return CliErrors.Run(() => Run(parse.GetValue(source)!, parse.GetValue(output)!, options));
        });
        return command;
    }

    static int Run(string source, string output, ImportOptions options)
    {
        ImportSummary summary = null!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var tasks = new Dictionary<ImportStep, ProgressTask>
                {
                    [ImportStep.Check] = ctx.AddTask("check config and tensors"),
                    [ImportStep.Weights] = ctx.AddTask("write model.safetensors"),
                    [ImportStep.Vision] = ctx.AddTask("emit and check vision.onnx"),
                    [ImportStep.Files] = ctx.AddTask("write config, copy files"),
                };
                summary = LlavaImporter.Import(source, output, options, new SynchronousProgress(p =>
                {
                    var task = tasks[p.Step];
                    task.MaxValue = Math.Max(p.Total, 1);
                    task.Value = p.Done;
                }));
                foreach (var task in tasks.Values) task.Value = task.MaxValue;
            });
        AnsiConsole.Write(ImportSummaryTable.Build(summary));
        return 0;
    }

    /// <summary>Reports on the importing thread (Progress&lt;T&gt; would post to the thread pool and arrive late).</summary>
    sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
