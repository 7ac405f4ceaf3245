namespace Mesh.Shapes.Scenes;

/// <summary>One cell of the 3x3 layout; row 0 is the top, column 0 the left. Reading order is <see cref="Index"/>.</summary>
public readonly record struct GridCell
{
    public GridCell(int row, int column)
    {
        if (row is < 0 or > 2 || column is < 0 or > 2)
            throw new ArgumentOutOfRangeException(nameof(row), $"cell ({row}, {column}) is outside the 3x3 layout; rows and columns are 0, 1 or 2");
        (Row, Column) = (row, column);
    }

    public int Row { get; }
    public int Column { get; }

    /// <summary>Row-major index 0..8: top left, top, top right, left, center, right, bottom left, bottom, bottom right.</summary>
    public int Index => Row * 3 + Column;

    /// <summary>The nine cells in reading order.</summary>
    public static IReadOnlyList<GridCell> All { get; } = [.. Enumerable.Range(0, 9).Select(FromIndex)];

    public static GridCell FromIndex(int index) => new(index / 3, index % 3);

    /// <summary>The cell's name as a short answer: "top left", "top", "center", "bottom right"...</summary>
    public string Name => (Row, Column) switch
    {
        (1, 1) => "center",
        (1, _) => ColumnWord,
        (_, 1) => RowWord,
        _ => $"{RowWord} {ColumnWord}",
    };

    /// <summary>Where an object is, in a sentence: "at the top left", "on the left", "in the center".</summary>
    public string Phrase => (Row, Column) switch
    {
        (1, 1) => "in the center",
        (1, _) => $"on the {Name}",
        _ => $"at the {Name}",
    };

    string RowWord => Row == 0 ? "top" : "bottom";
    string ColumnWord => Column == 0 ? "left" : "right";

    public override string ToString() => Name;
}
