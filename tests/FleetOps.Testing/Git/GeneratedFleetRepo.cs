using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FleetOps.Testing.Signing;

namespace FleetOps.Testing.Git;

/// <summary>
/// A bare fleet-config repository of generated manifests (a Deployment and its ConfigMap per file, each with image and
/// config digests, so no two files compress into each other), built and changed through <c>git fast-import</c>:
/// thousands of files and commits take seconds, where staging them one commit at a time would take minutes. What a
/// store fetches from a fleet of some size and age; serve it with <see cref="GitDaemon"/>. The folder is the caller's.
/// </summary>
public sealed class GeneratedFleetRepo
{
    public const string Branch = "main";

    private static readonly TimeSpan ImportDeadline = TimeSpan.FromMinutes(5);
    private static readonly DateTimeOffset Epoch = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private readonly int[] versions;
    private readonly Random picks = new(20261128);
    private int commits;

    private GeneratedFleetRepo(string path, int files)
    {
        Path = path;
        versions = new int[files];
    }

    public string Path { get; }

    public int Files => versions.Length;

    /// <summary>Commits on the branch, the first (every file) included.</summary>
    public int Commits => commits;

    /// <summary>The sha of the branch head.</summary>
    public string Head => Tool.Run("git", ["-C", Path, "rev-parse", $"refs/heads/{Branch}"]).Trim();

    /// <summary>Bytes of the repository's packs: its size as a git server keeps it after gc.</summary>
    public long PackedBytes => Directory.EnumerateFiles(System.IO.Path.Combine(Path, "objects", "pack"), "*.pack").Sum(f => new FileInfo(f).Length);

    /// <summary>Creates the repository at <paramref name="path"/> with the whole shape's history, packed as after a gc.</summary>
    public static GeneratedFleetRepo Create(string path, GeneratedFleetShape shape)
    {
        Directory.CreateDirectory(path);
        Tool.Run("git", ["init", "--bare", "-q", "-b", Branch, path]);
        var repo = new GeneratedFleetRepo(path, shape.Files);
        repo.Import(stream =>
        {
            repo.WriteCommit(stream, Enumerable.Range(0, shape.Files), "Every store's manifests", continuing: false);
            for (var c = 1; c <= shape.History; c++)
            {
                repo.WriteCommit(stream, repo.Pick(1 + (c % 5)), $"Release {c}", continuing: false);
                if (shape.TagEvery > 0 && c % shape.TagEvery == 0)
                    stream.Write($"reset refs/tags/release-{c:D5}\nfrom :{repo.commits}\n\n");
            }
        });
        Tool.Run("git", ["-C", path, "repack", "-a", "-d", "-q"]);
        return repo;
    }

    /// <summary>Commits a new release of <paramref name="files"/> manifests (a new image digest each) and returns its sha.</summary>
    public string Change(int files, string message = "change")
    {
        Import(stream => WriteCommit(stream, Pick(files), message, continuing: true));
        return Head;
    }

    /// <summary>The repository-relative path of manifest <paramref name="index"/>: apps/team-TT/app-AA/manifest-M.yaml.</summary>
    public static string PathOf(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"apps/team-{index / 100:D2}/app-{index / 10 % 10}/manifest-{index % 10}.yaml");

    private List<int> Pick(int count)
    {
        var chosen = new HashSet<int>();
        while (chosen.Count < Math.Min(count, versions.Length))
            chosen.Add(picks.Next(versions.Length));
        return [.. chosen];
    }

    private void WriteCommit(StreamWriter stream, IEnumerable<int> files, string message, bool continuing)
    {
        commits++;
        var at = Epoch.AddMinutes(commits).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        stream.Write($"commit refs/heads/{Branch}\nmark :{commits}\n");
        stream.Write($"committer Platform Team <platform@fleetops.invalid> {at} +0000\n");
        Data(stream, message + "\n");
        // A new import process knows nothing of the branch: it continues from the branch's tip as stored.
        if (continuing)
            stream.Write($"from refs/heads/{Branch}^0\n");
        foreach (var file in files)
        {
            versions[file]++;
            stream.Write($"M 100644 inline {PathOf(file)}\n");
            Data(stream, Manifest(file, versions[file]));
        }
        stream.Write("\n");
    }

    private static void Data(StreamWriter stream, string text) =>
        stream.Write($"data {Encoding.UTF8.GetByteCount(text)}\n{text}\n");

    private static string Manifest(int file, int version)
    {
        var team = $"team-{file / 100:D2}";
        var name = $"app-{file / 10 % 10}-{file % 10}";
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{name}}
              namespace: {{team}}
              labels: {app.kubernetes.io/name: {{name}}, app.kubernetes.io/part-of: {{team}}}
              annotations:
                fleetops.example.com/config-checksum: "{{Digest(file, version, "config")}}"
            spec:
              replicas: 2
              selector: {matchLabels: {app.kubernetes.io/name: {{name}}} }
              template:
                metadata: {labels: {app.kubernetes.io/name: {{name}}} }
                spec:
                  containers:
                    - name: app
                      image: registry.example/{{team}}/{{name}}@sha256:{{Digest(file, version, "image")}}
                      ports: [{containerPort: 8080, name: http}]
                      env: [{name: RELEASE, value: "{{version}}"}, {name: CONFIG, value: /etc/{{name}}/config.yaml}]
                      resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 500m, memory: 256Mi} }
                      readinessProbe: {httpGet: {path: /healthz, port: http}, periodSeconds: 10}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{name}}-config
              namespace: {{team}}
            data:

            """);
        for (var key = 0; key < 12; key++)
            text.Append(CultureInfo.InvariantCulture, $"  setting-{key:D2}: \"{Digest(file, version, $"setting-{key}")[..32]}\"\n");
        return text.ToString();
    }

    private static string Digest(int file, int version, string what) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{file}/{version}/{what}")));

    private void Import(Action<StreamWriter> write)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-C", Path, "fast-import", "--quiet", "--done" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("git fast-import did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using (var stream = new StreamWriter(process.StandardInput.BaseStream, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            write(stream);
            stream.Write("done\n");
        }
        if (!process.WaitForExit(ImportDeadline))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"git fast-import into {Path} did not finish within {ImportDeadline}");
        }
        Task.WaitAll(output, errors);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"git fast-import into {Path} failed ({process.ExitCode}): {errors.Result}");
    }
}
