using System.Text.Json;

namespace Aither.Tests.Infrastructure;

/// <summary>Assertions on the REST contract's JSON: exact key sets and formats.</summary>
public static class JsonAssert
{
    public static string[] PropertyNames(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    public static void Rfc3339Utc(JsonElement value)
    {
        Assert.Equal(JsonValueKind.String, value.ValueKind);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", value.GetString());
    }

    public static async Task<JsonDocument> ReadEnvelopeAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        var success = root.GetProperty("success").GetBoolean();
        Assert.Equal(success ? ["success", "data", "meta"] : ["success", "error", "meta"], PropertyNames(root));
        var meta = root.GetProperty("meta");
        Assert.Equal(["requestId", "timestamp"], PropertyNames(meta));
        Assert.Equal(meta.GetProperty("requestId").GetString(), Assert.Single(response.Headers.GetValues("X-Request-ID")));
        Rfc3339Utc(meta.GetProperty("timestamp"));
        if (!success)
        {
            Assert.Equal(["code", "message"], PropertyNames(root.GetProperty("error")));
        }

        return document;
    }

    /// <summary>Asserts an error envelope with this status and code; returns the message.</summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response, System.Net.HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        using var document = await ReadEnvelopeAsync(response);
        var error = document.RootElement.GetProperty("error");
        Assert.False(document.RootElement.GetProperty("success").GetBoolean());
        Assert.Equal(code, error.GetProperty("code").GetString());
        return error.GetProperty("message").GetString()!;
    }
}
