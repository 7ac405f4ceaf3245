using System.Diagnostics;
using Mesh.Core.Nn;
using Mesh.Shapes.Evaluation;
using Mesh.Shapes.Scenes;
using TorchSharp;
using static TorchSharp.torch;

namespace Mesh.Shapes.Training;

/// <summary>
/// Trains the Shapes model from scratch (<see cref="TrainingOptions"/> for the schedule, <see cref="ShapesModelOptions"/>
/// for the architecture). Step s uses train samples s*B .. s*B+B-1 of the mix seeded by the options' seed, so a
/// resumed run sees exactly the batches an uninterrupted one would.
/// </summary>
public sealed class ShapesTrainer : IDisposable
{
    readonly ShapesTrainingSet _train, _textOnly, _validation;
    readonly TorchSharp.Modules.AdamW _optimizer;
    readonly List<StepRecord> _steps = [];
    readonly List<ValidationRecord> _validations = [];
    double _seconds;
    (int First, TrainingSample[] Samples, int[] Order)? _window;   // the length-grouped window last used

    public ShapesTrainer(ShapesModelOptions model, TrainingOptions options)
    {
        model.Validate();
        options.Validate();
        if (options.Threads > 0) set_num_threads(options.Threads);
        (ModelOptions, Options) = (model, options);
        World = new ShapesWorld(model);
        var mix = options.Mix with { Seed = options.Seed };
        _train = World.Samples(SceneSplit.Train, mix);
        _textOnly = World.Samples(SceneSplit.Train, TrainingMixOptions.From(k => k == SampleKind.TextOnly ? 1 : 0, options.Seed));
        _validation = World.Samples(SceneSplit.Validation, mix);
        Model = ShapesVlm.Create(model.ModelConfig(World.Vocabulary, World.Template, World.Scenes), options.Seed);
        _optimizer = optim.AdamW(Model.NamedParameters().Select(p => p.Parameter), options.LearningRate,
            beta1: 0.9, beta2: 0.95, eps: 1e-8, weight_decay: options.WeightDecay);
    }

    /// <summary>
    /// A trainer continuing the checkpoint in <paramref name="directory"/> with its saved options (checkpoints go back
    /// there). A new <paramref name="steps"/> total reshapes the rest of the cosine decay (from the next step on).
    /// </summary>
    public static ShapesTrainer Resume(string directory, int? steps = null)
    {
        var state = TrainingCheckpoint.ReadState(directory);
        if (steps is { } total && total <= state.Step)
            throw new ArgumentException($"the checkpoint has done {state.Step} steps; a new total must be larger (got {total})");
        var options = state.Options with { CheckpointDirectory = directory, Steps = steps ?? state.Options.Steps };
        var trainer = new ShapesTrainer(state.Model, options);
        TrainingCheckpoint.Restore(directory, trainer.Model, trainer._optimizer);
        trainer.NextStep = state.Step;
        trainer._seconds = state.TrainingSeconds;
        trainer._steps.AddRange(state.Steps);
        trainer._validations.AddRange(state.Validations);
        return trainer;
    }

    public ShapesModelOptions ModelOptions { get; }
    public TrainingOptions Options { get; }
    public ShapesWorld World { get; }
    public ShapesVlm Model { get; }
    public int NextStep { get; private set; }
    public bool Done => NextStep >= Options.Steps;
    public IReadOnlyList<StepRecord> Steps => _steps;
    public IReadOnlyList<ValidationRecord> Validations => _validations;
    /// <summary>Wall time spent in training steps, over every resumed part of the run.</summary>
    public double TrainingSeconds => _seconds;

    public TrainingState State => new()
    {
        Step = NextStep, Model = ModelOptions, Options = Options, TrainingSeconds = _seconds, Steps = [.. _steps], Validations = [.. _validations],
    };

    /// <summary>
    /// Runs step <see cref="NextStep"/>: forward, backward, clipping and the AdamW update, with garbage collection held
    /// off (<see cref="Scalars.WithoutCollections{T}"/>: AdamW's temporary Scalars).
    /// </summary>
    public StepRecord Step() => Scalars.WithoutCollections(RunStep);

    StepRecord RunStep()
    {
        if (Done) throw new InvalidOperationException($"all {Options.Steps} steps are done");
        var clock = Stopwatch.StartNew();
        int step = NextStep;
        double lr = Options.LearningRateAt(step);
        foreach (var group in _optimizer.ParamGroups) group.LearningRate = lr;
        var samples = BatchSamples(step);
        using var batch = Collate(samples);
        Model.Train(true);
        _optimizer.zero_grad();
        double loss, norm;
        using (var scope = NewDisposeScope())
        {
            var value = Loss(batch);
            value.backward();
            loss = value.item<float>();
            norm = nn.utils.clip_grad_norm_(Model.NamedParameters().Select(p => p.Parameter), Options.ClipNorm);
            _optimizer.step();
        }
        NextStep = step + 1;
        _seconds += clock.Elapsed.TotalSeconds;
        var record = new StepRecord(step, loss, lr, norm, batch.Tokens, clock.Elapsed.TotalSeconds);
        _steps.Add(record);
        return record;
    }

    /// <summary>
    /// <paramref name="samples"/> collated as a step collates them: with each scene's patch-word targets under these
    /// options when the patch-word loss is on (<see cref="TrainingBatch.Collate"/> for <paramref name="padToLongest"/>).
    /// </summary>
    public TrainingBatch Collate(IReadOnlyList<TrainingSample> samples, bool padToLongest = false) =>
        TrainingBatch.Collate(samples, World.Preprocessor, World.PadId,
            Options.PatchWordWeight > 0 ? scene => World.PatchWords(scene, Options.PatchCellWords) : null, padToLongest);

    /// <summary>A step's loss on <paramref name="batch"/> under these options, autograd attached (the caller owns it).</summary>
    public Tensor Loss(TrainingBatch batch) =>
        ShapesLoss.Compute(Model, batch, Options.PatchWordWeight, Options.PatchWordTarget, Options.TargetAveraging);

    /// <summary>
    /// The samples of step <paramref name="step"/>: train samples step*B .. step*B+B-1, text-only ones during the
    /// first <see cref="TrainingOptions.TextOnlySteps"/> steps, of <see cref="TrainingOptions.Mix"/> after; with
    /// <see cref="TrainingOptions.LengthGroupSteps"/> above 1, the step's batch of its window's samples sorted by length.
    /// </summary>
    public IReadOnlyList<TrainingSample> BatchSamples(int step)
    {
        int n = Options.LengthGroupSteps;
        if (n <= 1) return Consecutive(step);
        bool textOnly = step < Options.TextOnlySteps;
        int phase = textOnly ? 0 : Options.TextOnlySteps;                            // windows start here
        int first = phase + (step - phase) / n * n;
        int last = textOnly ? Math.Min(first + n, Options.TextOnlySteps) : first + n;  // exclusive
        if (_window?.First != first)
        {
            var sorted = Enumerable.Range(first, last - first).SelectMany(Consecutive)
                .Select((sample, index) => (sample, index)).OrderBy(s => s.sample.Length).ThenBy(s => s.index)
                .Select(s => s.sample).ToArray();
            var order = Enumerable.Range(0, last - first).ToArray();
            var random = SceneRandom.For(Options.Seed, (ulong)first);
            for (int i = order.Length - 1; i > 0; i--)                  // Fisher-Yates: which sorted batch each step takes
            {
                int j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
            _window = (first, sorted, order);
        }
        var (_, samples, taken) = _window.Value;
        return new ArraySegment<TrainingSample>(samples, taken[step - first] * Options.BatchSize, Options.BatchSize);
    }

    IReadOnlyList<TrainingSample> Consecutive(int step) =>
        [.. (step < Options.TextOnlySteps ? _textOnly : _train).Samples((long)step * Options.BatchSize, Options.BatchSize)];

    /// <summary>Validation loss and greedy quality (see <see cref="ValidationRecord"/>) after the steps done so far.</summary>
    public ValidationRecord Validate() => Scalars.WithoutCollections(RunValidation);

    ValidationRecord RunValidation()
    {
        Model.Train(false);
        double total = 0;
        int batches = 0;
        using (no_grad())
        {
            for (int start = 0; start < Options.ValidationSamples; start += Options.BatchSize, batches++)
            {
                int count = Math.Min(Options.BatchSize, Options.ValidationSamples - start);
                using var batch = TrainingBatch.Collate(_validation.Samples(start, count).ToList(), World.Preprocessor, World.PadId);
                using var loss = ShapesLoss.Compute(Model, batch);
                total += loss.item<float>();
            }
        }
        double f1 = 0, exact = 0, vqa = 0;
        if (Options.ValidationScenes > 0)
        {
            var quality = ShapesEvaluator.Evaluate(new TrainingResponder(Model, World), World.Generator, SceneSplit.Validation, 0,
                Options.ValidationScenes, textOnly: false);
            (f1, exact, vqa) = (quality.Objects.F1, (double)quality.ExactDescriptions / quality.Scenes, quality.VqaOverall.Value);
        }
        Model.Train(true);
        var record = new ValidationRecord(NextStep, total / batches, f1, exact, vqa, Options.ValidationScenes);
        _validations.Add(record);
        return record;
    }

    /// <summary>Writes the checkpoint to <paramref name="directory"/> (default: the options' checkpoint folder).</summary>
    public void SaveCheckpoint(string? directory = null) =>
        TrainingCheckpoint.Save(directory ?? Options.CheckpointDirectory
            ?? throw new InvalidOperationException("no checkpoint folder: set TrainingOptions.CheckpointDirectory or pass one"), Model, _optimizer, State);

    /// <summary>Writes the model directory (docs/design.md section 3) of the current weights.</summary>
    public void WriteModel(string directory) => ShapesModelWriter.Write(this, directory);

    public void Dispose()
    {
        _optimizer.Dispose();
        Model.Dispose();
    }
}
