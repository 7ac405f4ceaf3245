using System.CommandLine;
using Mesh.Shapes.Training;
using Spectre.Console;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>mesh train</c>: trains the Shapes model from scratch on the CPU (docs/design.md section 5) with a progress bar,
/// periodic validation and checkpoints, then writes the model directory. <c>--resume</c> continues the checkpoint.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var defaults = new TrainingOptions();
        var output = new Option<string>("--out") { Description = "Model directory to write at the end", DefaultValueFactory = _ => GenerateCommand.DefaultModel };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the model already in --out (by default a directory holding one is refused, the shipped model included)" };
        var steps = new Option<int>("--steps") { Description = "Optimizer steps", DefaultValueFactory = _ => defaults.Steps }
            .InRangeOf<TrainingOptions, int>(nameof(TrainingOptions.Steps));
        var batch = new Option<int>("--batch-size") { Description = "Samples per step", DefaultValueFactory = _ => defaults.BatchSize }
            .InRangeOf<TrainingOptions, int>(nameof(TrainingOptions.BatchSize));
        var lr = new Option<double>("--lr") { Description = "Peak learning rate (linear warmup, cosine decay)", DefaultValueFactory = _ => defaults.LearningRate }
            .InRangeOf<TrainingOptions, double>(nameof(TrainingOptions.LearningRate));
        var warmup = new Option<int>("--warmup") { Description = "Warmup steps", DefaultValueFactory = _ => defaults.WarmupSteps }
            .InRangeOf<TrainingOptions, int>(nameof(TrainingOptions.WarmupSteps));
        var seed = new Option<ulong>("--seed") { Description = "Seed of the initial weights and the sample mix", DefaultValueFactory = _ => defaults.Seed };
        var validate = new Option<int>("--validate-every") { Description = "Validation interval in steps (0: never)", DefaultValueFactory = _ => defaults.ValidationInterval }
            .InRangeOf<TrainingOptions, int>(nameof(TrainingOptions.ValidationInterval));
        var checkpoint = new Option<string>("--checkpoint") { Description = "Checkpoint folder (written periodically; --resume reads it)", DefaultValueFactory = _ => "checkpoints/shapes-vlm" };
        var every = new Option<int>("--checkpoint-every") { Description = "Checkpoint interval in steps", DefaultValueFactory = _ => defaults.CheckpointInterval }
            .InRangeOf<TrainingOptions, int>(nameof(TrainingOptions.CheckpointInterval));
        var resume = new Option<bool>("--resume") { Description = "Continue the run saved in --checkpoint (its saved options apply; a given --steps reshapes the remaining decay)" };
        var exportOnly = new Option<bool>("--export-only") { Description = "Write the model directory of the run saved in --checkpoint, without training" };
        var patchWords = new Option<double>("--patch-word-loss")
        {
            Description = "Weight of the patch-word loss: each image token should carry the size, colour and kind words of the object its patch shows, or the pad word on background (see --patch-word-target; 0: off)",
            DefaultValueFactory = _ => defaults.PatchWordWeight,
        }.InRangeOf<TrainingOptions, double>(nameof(TrainingOptions.PatchWordWeight));
        var textOnlySteps = new Option<int>("--text-only-steps")
        {
            Description = "The first N steps draw text-only samples alone, then --mix (the decoder learns to answer from words before it sees images)",
            DefaultValueFactory = _ => defaults.TextOnlySteps,
        }.InRangeOf<TrainingOptions, int>(nameof(TrainingOptions.TextOnlySteps));
        var patchTarget = EnumOption.Create("--patch-word-target",
            "What the patch-word loss asks of an image token: readout (read as a word, it is each of its words) or embedding (it points the way of its words' embeddings summed)",
            defaults.PatchWordTarget, PatchWordTarget.Readout, PatchWordTarget.Embedding);
        var cellWords = new Option<bool>("--patch-word-cell")
        {
            Description = "The patch-word targets also name the object's layout cell (top left, center...), so that an image token carries where its object is",
            DefaultValueFactory = _ => defaults.PatchCellWords,
        };
        var threads = new Option<int>("--threads") { Description = "Torch threads (0: torch's default)", DefaultValueFactory = _ => 0 }
            .InRangeOf<TrainingOptions, int>(nameof(TrainingOptions.Threads));
        var mix = new Option<string?>("--mix")
        {
            Description = $"Sample kinds' relative weights, e.g. description=0.3,question=0.4,follow-up=0.1,text-only=0.2 (the default); a kind left out gets 0 (kinds: {TrainingMixArgument.Allowed})",
        };
        mix.Validators.Add(r =>
        {
            try { if (r.GetValueOrDefault<string?>() is { } text) TrainingMixArgument.Parse(text); }
            catch (FormatException e) { r.AddError(e.Message); }
        });
        var size = new Option<string>("--size") { Description = "Architecture: default (the shipped model) or tiny (a quick check)", DefaultValueFactory = _ => "default" };
        size.AcceptOnlyFromAmong("default", "tiny");
        var averaging = EnumOption.Create("--target-averaging",
            "How the next-token loss averages: token (every target token alike, so descriptions outweigh short answers) or sample (each sample's mean, then over samples)",
            defaults.TargetAveraging, TargetAveraging.Token, TargetAveraging.Sample);
        var lengthGroups = new Option<int>("--length-group-steps")
        {
            Description = "Sort the samples of every N consecutive steps by length and cut them into N batches, taken in a shuffled order: " +
                          "the same samples with far less padding (0 or 1: each step its consecutive samples)",
            DefaultValueFactory = _ => defaults.LengthGroupSteps,
        }.InRangeOf<TrainingOptions, int>(nameof(TrainingOptions.LengthGroupSteps));
        // The decoder's sizes, each replacing the --size preset's (a resumed run keeps its checkpoint's architecture).
        var hidden = new Option<int?>("--decoder-hidden") { Description = "Decoder hidden size (TextHidden; default 64): a multiple of --decoder-heads with an even head width" }
            .InRangeWhenGivenOf<ShapesModelOptions, int>(nameof(ShapesModelOptions.TextHidden));
        var layers = new Option<int?>("--decoder-layers") { Description = "Decoder layers (TextLayers; default 8)" }
            .InRangeWhenGivenOf<ShapesModelOptions, int>(nameof(ShapesModelOptions.TextLayers));
        var heads = new Option<int?>("--decoder-heads") { Description = "Decoder query heads (TextHeads; default 4): a multiple of --decoder-kv-heads" }
            .InRangeWhenGivenOf<ShapesModelOptions, int>(nameof(ShapesModelOptions.TextHeads));
        var kvHeads = new Option<int?>("--decoder-kv-heads") { Description = "Decoder key/value heads (TextKvHeads; default 2)" }
            .InRangeWhenGivenOf<ShapesModelOptions, int>(nameof(ShapesModelOptions.TextKvHeads));
        var intermediate = new Option<int?>("--decoder-intermediate") { Description = "Decoder SwiGLU MLP width (TextIntermediate; default 192)" }
            .InRangeWhenGivenOf<ShapesModelOptions, int>(nameof(ShapesModelOptions.TextIntermediate));
        var tie = new Option<bool?>("--decoder-tie-embeddings") { Description = "Tie the decoder's LM head to its input embeddings (TieWordEmbeddings; default false)" };
        var command = new Command("train", "Train the Shapes-world model from scratch on the CPU and write its model directory")
            { output, overwrite, steps, batch, lr, warmup, seed, validate, checkpoint, every, resume, exportOnly, threads, mix, patchWords, patchTarget, cellWords, textOnlySteps, averaging, lengthGroups, size, hidden, layers, heads, kvHeads, intermediate, tie };
        command.SetAction((parse, cancellation) => Task.FromResult(CliErrors.Run(() =>
        {
            RefuseToReplace(parse.GetValue(output)!, parse.GetValue(overwrite));
            var options = new TrainingOptions
            {
                Steps = parse.GetValue(steps), BatchSize = parse.GetValue(batch), LearningRate = parse.GetValue(lr),
                WarmupSteps = parse.GetValue(warmup), Seed = parse.GetValue(seed), ValidationInterval = parse.GetValue(validate),
                CheckpointDirectory = parse.GetValue(checkpoint), CheckpointInterval = parse.GetValue(every), Threads = parse.GetValue(threads),
                Mix = parse.GetValue(mix) is { } text ? TrainingMixArgument.Parse(text) : new(),
                PatchWordWeight = parse.GetValue(patchWords), PatchWordTarget = parse.GetEnum<PatchWordTarget>(patchTarget),
                PatchCellWords = parse.GetValue(cellWords),
                TextOnlySteps = parse.GetValue(textOnlySteps), LengthGroupSteps = parse.GetValue(lengthGroups),
                TargetAveraging = parse.GetEnum<TargetAveraging>(averaging),
            };
            var model = Architecture(parse);
            bool saved = parse.GetValue(resume) || parse.GetValue(exportOnly);
            if (!saved)
                foreach (var part in new[] { warmup, textOnlySteps })
                    if (parse.GetValue(part) >= options.Steps)
                        throw new ArgumentException($"{part.Name} must be below --steps ({options.Steps}); got {parse.GetValue(part)}");
            int? newTotal = parse.GetResult(steps) is { Implicit: false } ? options.Steps : null;
            using var trainer = saved ? ShapesTrainer.Resume(options.CheckpointDirectory!, newTotal) : new ShapesTrainer(model, options);
            if (!parse.GetValue(exportOnly)) return Run(trainer, parse.GetValue(output)!, cancellation);
            trainer.WriteModel(parse.GetValue(output)!);
            AnsiConsole.MarkupLineInterpolated($"[green]wrote[/] {parse.GetValue(output)} from the checkpoint at step {trainer.NextStep} of {trainer.Options.Steps}");
            return 0;
        })));
        return command;
    }

    /// <summary>
    /// The architecture <paramref name="parse"/> asks for: the <c>--size</c> preset with any <c>--decoder-*</c> size
    /// replacing the preset's; throws <see cref="ArgumentException"/> naming what does not fit.
    /// </summary>
    public static ShapesModelOptions Architecture(ParseResult parse)
    {
        var preset = parse.GetValue<string>("--size") == "tiny" ? ShapesModelOptions.Tiny : new ShapesModelOptions();
        var model = preset with
        {
            TextHidden = parse.GetValue<int?>("--decoder-hidden") ?? preset.TextHidden,
            TextLayers = parse.GetValue<int?>("--decoder-layers") ?? preset.TextLayers,
            TextHeads = parse.GetValue<int?>("--decoder-heads") ?? preset.TextHeads,
            TextKvHeads = parse.GetValue<int?>("--decoder-kv-heads") ?? preset.TextKvHeads,
            TextIntermediate = parse.GetValue<int?>("--decoder-intermediate") ?? preset.TextIntermediate,
            TieWordEmbeddings = parse.GetValue<bool?>("--decoder-tie-embeddings") ?? preset.TieWordEmbeddings,
        };
        model.Validate();
        return model;
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> when <paramref name="output"/> already holds a model and <c>--overwrite</c> was not
    /// given: checked before training, so hours of steps never end by silently replacing (say) the shipped model.
    /// </summary>
    static void RefuseToReplace(string output, bool overwrite)
    {
        if (overwrite) return;
        if (new[] { "config.json", "model.safetensors" }.FirstOrDefault(f => File.Exists(Path.Combine(output, f))) is { } found)
            throw new ArgumentException($"{output} already holds a model ({found}); pass --overwrite to replace it, or --out to write the new one elsewhere");
    }

    static int Run(ShapesTrainer trainer, string output, CancellationToken cancellation)
    {
        var o = trainer.Options;
        AnsiConsole.MarkupLineInterpolated(
            $"[bold]Shapes model[/]: {trainer.Model.ParameterCount:N0} parameters; steps {trainer.NextStep}..{o.Steps} x {o.BatchSize} samples, lr {o.LearningRate}, seed {o.Seed}");
        var progress = AnsiConsole.Progress().AutoClear(false).HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                     new ElapsedTimeColumn(), new RemainingTimeColumn());
        progress.Start(ctx =>
        {
            var task = ctx.AddTask("training", maxValue: o.Steps);
            task.Value = trainer.NextStep;
            var tokens = new Queue<(long Tokens, double Seconds)>();
            while (!trainer.Done && !cancellation.IsCancellationRequested)
                Report(trainer, trainer.Step(), tokens, task);
        });
        if (!trainer.Done)
        {
            if (o.CheckpointDirectory is not null) trainer.SaveCheckpoint();
            AnsiConsole.MarkupLineInterpolated($"[yellow]stopped[/] after step {trainer.NextStep}; continue with --resume --checkpoint {o.CheckpointDirectory}");
            return 130;
        }
        trainer.WriteModel(output);
        AnsiConsole.MarkupLineInterpolated($"[green]wrote[/] {output} after {trainer.NextStep} steps ({trainer.TrainingSeconds / 60:F1} min of training)");
        return 0;
    }

    /// <summary>After a step: the progress line, validation and checkpoint when due.</summary>
    static void Report(ShapesTrainer trainer, StepRecord step, Queue<(long Tokens, double Seconds)> tokens, ProgressTask task)
    {
        var o = trainer.Options;
        tokens.Enqueue((step.Tokens, step.Seconds));
        if (tokens.Count > 20) tokens.Dequeue();
        double rate = tokens.Sum(t => t.Tokens) / Math.Max(1e-9, tokens.Sum(t => t.Seconds));
        task.Description = $"step {step.Step + 1} loss {step.Loss:F4} lr {step.LearningRate:E2} {rate:F0} tok/s";
        task.Increment(1);
        if (!AnsiConsole.Profile.Capabilities.Interactive && (step.Step + 1) % 10 == 0)
            Console.WriteLine($"step {step.Step + 1}/{o.Steps} loss {step.Loss:F4} lr {step.LearningRate:E2} grad {step.GradNorm:F2} {rate:F0} tok/s elapsed {trainer.TrainingSeconds:F0}s");
        bool last = trainer.Done;
        if (o.ValidationInterval > 0 && (trainer.NextStep % o.ValidationInterval == 0 || last))
        {
            var v = trainer.Validate();
            AnsiConsole.MarkupLineInterpolated(
                $"[blue]validation[/] step {v.Step}: loss {v.Loss:F4}, description F1 {v.DescriptionF1:F3}, exact {v.ExactDescriptions:F3}, VQA {v.Vqa:F3} ({v.Scenes} scenes)");
        }
        if (o.CheckpointDirectory is not null && (trainer.NextStep % o.CheckpointInterval == 0 || last))
            trainer.SaveCheckpoint();
    }
}
