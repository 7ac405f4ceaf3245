using Mesh.Shapes.Scenes;

namespace Mesh.Experiments;

/// <summary>What every experiment shares: the mesh to call, the scenes and where results go.</summary>
public sealed record ExperimentOptions(
    string Address, string? ApiKey, SceneSplit Split, int Start, int Count, DirectoryInfo Output, int MaxTokens, bool Resume)
{
    /// <summary>The folder of one experiment's outputs.</summary>
    public DirectoryInfo Folder(string experiment) => Output.CreateSubdirectory(experiment);
}
