using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using FleetOps.Shared.Api;
using FleetOps.Testing.Hub;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>
/// Every 400 the API gives is a problem-details body that says what was wrong: requests that fail before a
/// handler runs (a body that is not the record, a query value that does not parse) once got an empty 400.
/// The register API checks labels as the CLI does. One hub serves every case; each case only reads or is refused.
/// </summary>
public sealed class ProblemAnswerTests(ProblemAnswerTests.Hub hub) : IClassFixture<ProblemAnswerTests.Hub>
{
    public sealed class Hub : IAsyncLifetime
    {
        public HubScenario Scenario { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Scenario = await HubScenario.StartAsync();
            await Scenario.Hub.Client.RegisterAsync(new RegisterClusterRequest("store-0001", HubScenario.Labels(("region", "east"))), default);
        }

        public async Task DisposeAsync() => await Scenario.DisposeAsync();
    }

    [Theory]
    [InlineData("a numeric id", """{"id": 5, "labels": {}}""", "$.id")]
    [InlineData("a body that is not JSON", "store-0002 please", "JSON")]
    [InlineData("a body that is a JSON string", "\"store-0002\"", "JSON")]
    [InlineData("an empty body", "", "body")]
    public async Task ARegistrationThatIsNotTheRecordIsAProblem(string what, string body, string mentions)
    {
        using var http = hub.Scenario.Hub.CreateHttpClient();

        var response = await http.PostAsync("/api/v1/clusters", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, mentions, what);
    }

    [Fact]
    public async Task ABodyNestedFiveThousandDeepIsAProblem()
    {
        using var http = hub.Scenario.Hub.CreateHttpClient();
        var body = "{\"id\": \"store-deep\", \"extra\": " + new string('[', 5000) + new string(']', 5000) + "}";

        var response = await http.PostAsync("/api/v1/clusters", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, "depth", "5,000-deep nesting");
    }

    [Theory]
    [InlineData("/api/v1/clusters/store-0001/history?limit=99999999999", "limit")]
    [InlineData("/api/v1/clusters/store-0001/history?limit=ten", "limit")]
    [InlineData("/api/v1/clusters/store-0001/history?since=garbage", "since")]
    [InlineData("/api/v1/clusters/store-0001/history?until=2026-13-45", "until")]
    [InlineData("/api/v1/clusters?page=99999999999", "page")]
    [InlineData("/api/v1/clusters?pageSize=-", "pageSize")]
    public async Task AQueryValueThatDoesNotParseIsAProblemNamingIt(string path, string parameter)
    {
        using var http = hub.Scenario.Hub.CreateHttpClient();

        await AssertProblemAsync(await http.GetAsync(path), parameter, path);
    }

    // Kestrel refuses a NUL in the request target while parsing the request line, before any of the hub's code
    // runs, and writes its own empty 400 ("this category of errors is not customisable", aspnet/KestrelHttpServer#2947).
    // What the hub can promise: a 400, never a 500 or a hang, and the API goes on answering. A NUL the API does
    // see (in a query value) is a problem like any other value that does not parse.
    [Theory]
    [InlineData("/api/v1/clusters/%00")]
    [InlineData("/api/v1/clusters/store%000001")]
    [InlineData("/api/v1/clusters/store-0001%00/history")]
    public async Task ANulInThePathIsA400FromTheWebServerAndTheApiGoesOnAnswering(string path)
    {
        // HttpClient would refuse to send it, so the request goes as curl would send it.
        var (status, _, _) = await RawGetAsync(path);

        Assert.Equal(400, status);
        using var http = hub.Scenario.Hub.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/clusters/store-0001")).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/clusters/store-0001/history?since=%00", "since")]
    [InlineData("/api/v1/clusters?page=%00", "page")]
    public async Task ANulInAQueryValueIsAProblemNamingIt(string path, string parameter)
    {
        var (status, contentType, body) = await RawGetAsync(path);

        Assert.Equal(400, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains(parameter, body);
    }

    [Theory]
    [InlineData("a value of a megabyte", "region", 1)]
    [InlineData("twenty thousand labels", "at most", 2)]
    [InlineData("a key that climbs out of its folder", "../../etc", 3)]
    [InlineData("an empty key", "must not be empty", 4)]
    [InlineData("a value with a space", "ring", 5)]
    public async Task ARegistrationWithLabelsKubernetesWouldRefuseIsAProblemSayingWhich(string what, string mentions, int shape)
    {
        using var http = hub.Scenario.Hub.CreateHttpClient();
        var labels = shape switch
        {
            1 => new Dictionary<string, string> { ["region"] = new('e', 1024 * 1024) },
            2 => Enumerable.Range(0, 20_000).ToDictionary(i => $"label-{i}", _ => "x"),
            3 => new Dictionary<string, string> { ["../../etc"] = "passwd" },
            4 => new Dictionary<string, string> { [""] = "east" },
            _ => new Dictionary<string, string> { ["ring"] = "not a value" },
        };

        var response = await http.PostAsJsonAsync("/api/v1/clusters", new RegisterClusterRequest($"store-labels-{shape}", labels),
            ApiJsonContext.Default.RegisterClusterRequest);

        await AssertProblemAsync(response, mentions, what);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/v1/clusters/store-labels-{shape}")).StatusCode);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string mentions, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.ApiProblem);
        Assert.NotNull(problem);
        Assert.Equal(400, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Title), what);
        Assert.Contains(mentions, problem.Detail);
        Assert.True(problem.Detail!.Length < 2000, $"{what}: the detail should not echo a whole body back ({problem.Detail.Length} characters)");
    }

    private async Task<(int Status, string? ContentType, string Body)> RawGetAsync(string path)
    {
        var address = hub.Scenario.Hub.ApiAddress;
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        await using var stream = client.GetStream();
        var request = $"GET {path} HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {hub.Scenario.Hub.Options.AdminToken}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var head = text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        var status = int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var contentType = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?
            .Split(':', 2)[1].Split(';')[0].Trim();
        return (status, contentType, text[(head.Length + 4)..]);
    }
}
