using Spectre.Console;

namespace Mesh.Experiments;

/// <summary>A progress bar over the scenes of one experiment.</summary>
public static class ExperimentProgress
{
    public static async Task ForEachSceneAsync(ExperimentOptions options, string name, Func<SceneItem, Task> work)
    {
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"{name} ({SceneSplitName(options)})", maxValue: options.Count);
                foreach (var scene in SceneSource.Scenes(options))
                {
                    await work(scene);
                    task.Increment(1);
                }
            });
    }

    static string SceneSplitName(ExperimentOptions options) => $"{Mesh.Shapes.Scenes.SceneSplits.Name(options.Split)} {options.Start}..{options.Start + options.Count - 1}";
}
