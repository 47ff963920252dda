namespace FleetOps.Cli.Output;

/// <summary><c>-o</c>: a table that fits the screen, a wider one with every column, or the hub's own records as JSON.</summary>
public enum OutputFormat
{
    Table,
    Wide,
    Json,
}
