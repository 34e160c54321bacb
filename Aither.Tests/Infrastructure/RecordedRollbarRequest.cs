using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Aither.Tests.Infrastructure;

/// <summary>One request to the stand-in, as it arrived.</summary>
public sealed record RecordedRollbarRequest(byte[] Body, JsonElement Json, string Token, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The status it was answered with; 0 while it is held.</summary>
    public int Status { get; set; }

    public JsonElement Data => Json.GetProperty("data");

    public string? Level => Data.GetProperty("level").GetString();

    public string? Uuid => Data.TryGetProperty("uuid", out var uuid) ? uuid.GetString() : null;

    /// <summary><c>body.message.body</c>, or null for a trace item.</summary>
    public string? Message =>
        Data.GetProperty("body").TryGetProperty("message", out var message) ? message.GetProperty("body").GetString() : null;

    public JsonElement Custom => Data.GetProperty("custom");

    public string Text => System.Text.Encoding.UTF8.GetString(Body);
}
