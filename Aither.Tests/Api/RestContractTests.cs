using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Aither.Tests.Infrastructure;

namespace Aither.Tests.Api;

public sealed class RestContractTests : IAsyncLifetime
{
    private readonly AitherFactory _factory;
    private readonly HttpClient _client;

    public RestContractTests(ITestOutputHelper output)
    {
        _factory = new AitherFactory().WithOutput(output);
        _client = _factory.CreateAdminClient();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _factory.Pipeline.Succeed();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task StartSync_CrontabRequest_Returns202WithRunningJob()
    {
        using var content = new StringContent("", Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/api/sync", content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = await ReadJsonAsync(response);
        var root = json.RootElement;
        Assert.Equal(["success", "data", "meta"], PropertyNames(root));
        Assert.True(root.GetProperty("success").GetBoolean());
        var data = root.GetProperty("data");
        Assert.Equal(["jobId", "status", "startTime"], PropertyNames(data));
        Assert.Matches("^sync-[0-9]+$", data.GetProperty("jobId").GetString());
        Assert.Equal("running", data.GetProperty("status").GetString());
        AssertRfc3339Utc(data.GetProperty("startTime").GetString());
        AssertMeta(root, response);
    }

    private static void AssertMeta(JsonElement root, HttpResponseMessage response)
    {
        var meta = root.GetProperty("meta");
        Assert.Equal(["requestId", "timestamp"], PropertyNames(meta));
        var requestId = meta.GetProperty("requestId").GetString();
        Assert.Equal(requestId, Assert.Single(response.Headers.GetValues("X-Request-ID")));
        AssertRfc3339Utc(meta.GetProperty("timestamp").GetString());
    }

    private static void AssertRfc3339Utc(string? value) =>
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", value);

    private static string[] PropertyNames(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
