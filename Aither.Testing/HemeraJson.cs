using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aither.Testing;

/// <summary>Builders for Hemera JSON used by the tests and the stand-in.</summary>
public static class HemeraJson
{
    public static JsonObject Course(string id, string title, DateTimeOffset? start, string level = "INTERMEDIATE", int participantCount = 0) => new()
    {
        ["id"] = id,
        ["title"] = title,
        ["slug"] = "kurs-" + id[^6..],
        ["level"] = level,
        ["startDate"] = start is { } s ? Rfc3339(s) : null,
        ["endDate"] = start is { } e ? Rfc3339(e.AddHours(8)) : null,
        ["participantCount"] = participantCount,
    };

    public static string Rfc3339(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The <c>data</c> array (or legacy <c>data.courses</c>) of a reference file.</summary>
    public static IReadOnlyList<JsonObject> CoursesOf(string json)
    {
        var data = JsonNode.Parse(json)!["data"]!;
        var array = data is JsonArray a ? a : data["courses"]!.AsArray();
        return array.Select(c => (JsonObject)c!.DeepClone()).ToArray();
    }

    /// <summary>The course object of a detail reference file (current or legacy shape).</summary>
    public static JsonObject CourseOf(string json)
    {
        var data = JsonNode.Parse(json)!["data"]!.AsObject();
        return (JsonObject)(data["course"] ?? data).DeepClone();
    }

    /// <summary>Reads a file of <c>Aither.Tests/Hemera/Fixtures/</c> (copied from the shared reference responses).</summary>
    public static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Hemera", "Fixtures", name));
}
