using FleetOps.Shared.Contracts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FleetOps.Cli.Output;

/// <summary>
/// kubectl-style tables: upper-case headers, no borders, two spaces between columns, counts aligned
/// right. Long cells wrap within their column rather than breaking the row's alignment.
/// </summary>
public static class Tables
{
    /// <summary>Headers ending in '#' are right-aligned numbers; the '#' is not shown.</summary>
    public static Table Create(params string[] headers)
    {
        var table = new Table().Border(TableBorder.None).HideRowSeparators();
        for (var i = 0; i < headers.Length; i++)
        {
            var number = headers[i].EndsWith('#');
            var column = new TableColumn(Markup.Escape(number ? headers[i][..^1] : headers[i]))
                .PadLeft(0).PadRight(i == headers.Length - 1 ? 0 : 2);
            table.AddColumn(number ? column.RightAligned() : column);
        }
        return table;
    }

    // Every cell is cleaned of control characters here, before Spectre measures it (it counts an ESC as a
    // column); Screen's TerminalSafe then guarantees it for anything drawn another way.

    public static IRenderable Text(string? text) => new Text(string.IsNullOrEmpty(text) ? "-" : SafeText.Clean(text));

    public static IRenderable Rich(string markup) => new Markup(SafeText.Clean(markup));

    /// <summary>A two-column grid of "key  value" lines for a single object's facts.</summary>
    public static Grid Facts() => new Grid()
        .AddColumn(new GridColumn().PadLeft(0).PadRight(2).NoWrap())
        .AddColumn(new GridColumn().PadLeft(0).PadRight(0));

    /// <summary>A row of a <see cref="Facts"/> grid; both cells are markup.</summary>
    public static Grid Fact(this Grid grid, string keyMarkup, string markup)
    {
        grid.AddRow(Rich(keyMarkup), Rich(markup));
        return grid;
    }
}
