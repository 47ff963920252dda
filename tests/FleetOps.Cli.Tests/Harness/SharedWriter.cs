using System.Text;

namespace FleetOps.Cli.Tests.Harness;

/// <summary>Output a running command writes while the test reads it: writes and reads take the same lock.</summary>
public sealed class SharedWriter
{
    private readonly StringBuilder text = new();

    public SharedWriter() => Writer = TextWriter.Synchronized(new StringWriter(text) { NewLine = "\n" });

    public TextWriter Writer { get; }

    public string Text
    {
        get
        {
            // TextWriter.Synchronized locks on the wrapper for every write.
            lock (Writer)
                return text.ToString();
        }
    }
}
