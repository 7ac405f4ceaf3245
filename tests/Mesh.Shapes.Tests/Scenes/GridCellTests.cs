using Mesh.Shapes.Scenes;

namespace Mesh.Shapes.Tests.Scenes;

public class GridCellTests
{
    [Fact]
    public void CellsReadRowByRowWithTheirNamesAndPhrases()
    {
        Assert.Equal(
            ["top left", "top", "top right", "left", "center", "right", "bottom left", "bottom", "bottom right"],
            GridCell.All.Select(c => c.Name));
        Assert.Equal(
            ["at the top left", "at the top", "at the top right", "on the left", "in the center", "on the right",
             "at the bottom left", "at the bottom", "at the bottom right"],
            GridCell.All.Select(c => c.Phrase));
        Assert.Equal(Enumerable.Range(0, 9), GridCell.All.Select(c => c.Index));
        Assert.Equal(new GridCell(2, 1), GridCell.FromIndex(7));
    }

    [Fact]
    public void CellsOutsideTheLayoutAreRefused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new GridCell(3, 0));
        Assert.Contains("(3, 0)", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GridCell(0, -1));
    }
}
