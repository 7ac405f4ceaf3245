using Mesh.Shapes.Scenes;

namespace Mesh.Experiments;

/// <summary>The Shapes scenes an experiment runs over: index, the scene with its ground truth, and its PNG.</summary>
public sealed record SceneItem(long Index, Scene Scene, byte[] Png)
{
    public string Id(SceneSplit split) => $"{SceneSplits.Name(split)}-{Index:D6}";
}

public static class SceneSource
{
    public static IEnumerable<SceneItem> Scenes(ExperimentOptions options)
    {
        var generator = new SceneGenerator();
        for (long i = options.Start; i < options.Start + options.Count; i++)
        {
            var scene = generator.Scene(options.Split, i);
            yield return new SceneItem(i, scene, scene.EncodePng());
        }
    }
}
