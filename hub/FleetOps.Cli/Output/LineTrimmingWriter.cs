using System.Text;

namespace FleetOps.Cli.Output;

/// <summary>
/// Drops the spaces Spectre pads table rows with at the end of a line, so output pasted into a
/// ticket or compared with a golden file has no invisible tails.
/// </summary>
internal sealed class LineTrimmingWriter(TextWriter inner) : TextWriter
{
    private readonly StringBuilder line = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            WriteLine();
            return;
        }
        line.Append(value);
    }

    public override void Write(string? value)
    {
        if (value is null)
            return;
        var start = 0;
        int newline;
        while ((newline = value.IndexOf('\n', start)) >= 0)
        {
            line.Append(value, start, newline - start);
            WriteLine();
            start = newline + 1;
        }
        line.Append(value, start, value.Length - start);
    }

    public override void WriteLine()
    {
        inner.Write(TrimEnd());
        inner.Write('\n');
        line.Clear();
    }

    public override void Flush()
    {
        if (line.Length > 0)
        {
            inner.Write(TrimEnd());
            line.Clear();
        }
        inner.Flush();
    }

    private string TrimEnd()
    {
        var end = line.Length;
        while (end > 0 && line[end - 1] is ' ' or '\r')
            end--;
        return line.ToString(0, end);
    }
}
