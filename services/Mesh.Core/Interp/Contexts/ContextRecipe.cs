namespace Mesh.Core.Interp.Contexts;

/// <summary>
/// How a compressed context is made: the selection that ranks its image tokens and the text it keeps
/// besides them, fitted to a prompt and a model when built (<see cref="For"/>), so the builder trusts it.
/// </summary>
public sealed class ContextRecipe
{
    ContextRecipe(TokenGroups groups, SelectionRequest selection, ContextContents contents) =>
        (Groups, Selection, Contents) = (groups, selection, contents);

    /// <summary>The prompt the recipe was fitted to.</summary>
    public TokenGroups Groups { get; }
    public SelectionRequest Selection { get; }
    public ContextContents Contents { get; }

    /// <summary>
    /// The recipe for a prompt of <paramref name="groups"/> on a model of <paramref name="layerCount"/> layers; throws
    /// <see cref="InterpPartException"/> (<see cref="InterpPart.Selection"/> or <see cref="InterpPart.Contents"/>) when it does not fit.
    /// </summary>
    public static ContextRecipe For(TokenGroups groups, int layerCount, SelectionRequest selection,
                                    ContextContents contents = ContextContents.QueryAndImage)
    {
        InterpOptions.Check(InterpPart.Selection, () => selection.CheckFits(groups, layerCount));
        InterpOptions.Check(InterpPart.Contents, () => contents.CheckFits(selection.K, (int)(groups.ImageEnd - groups.ImageStart)));
        return new(groups, selection, contents);
    }
}
