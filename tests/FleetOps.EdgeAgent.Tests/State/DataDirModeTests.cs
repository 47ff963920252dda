using FleetOps.EdgeAgent.State;
using FleetOps.Testing.Files;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FleetOps.EdgeAgent.Tests.State;

/// <summary>
/// The agent's data dir holds its desired state, journal and git cache: its owner's only (0700, the LiteDB
/// files 0600), made so when created and tightened at start, with one log line, when found looser.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataDirModeTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempDir parent = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private string DataDir => parent.Sub("agent");

    [Fact]
    public void AStoreInANewDataDirIsTheOwnersOnly()
    {
        using (var store = new LiteAgentStore(DataDir, "store-1", 100, time))
        {
            store.Append("A");
            AssertPrivate();
        }
        AssertPrivate();
    }

    [Fact]
    public void LooserModesFoundAtStartAreTightenedWithOneLogLine()
    {
        using (var store = new LiteAgentStore(DataDir, "store-1", 100, time))
            store.Append("A");
        File.SetUnixFileMode(DataDir, Private | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        foreach (var file in Directory.GetFiles(DataDir))
            File.SetUnixFileMode(file, PrivateFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var logger = new RecordingLogger();

        using (new LiteAgentStore(DataDir, "store-1", 100, time, logger))
            AssertPrivate();

        var line = Assert.Single(logger.Lines);
        Assert.Contains(DataDir, line);
        Assert.Contains("agent.db", line);
    }

    public void Dispose() => parent.Dispose();

    private void AssertPrivate()
    {
        Assert.Equal(Private, File.GetUnixFileMode(DataDir));
        Assert.True(File.Exists(Path.Combine(DataDir, "agent.db")));
        foreach (var file in Directory.GetFiles(DataDir))
            Assert.True(File.GetUnixFileMode(file) == PrivateFile, $"{Path.GetFileName(file)} is {File.GetUnixFileMode(file)}");
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
