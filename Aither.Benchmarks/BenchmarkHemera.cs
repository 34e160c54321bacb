using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aither.Service.Hemera;
using Aither.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aither.Benchmarks;

/// <summary>
/// The tests' <see cref="HemeraStandIn"/> serving one course (and a few past ones) as prepared UTF-8 JSON from
/// memory. Paired with <see cref="CreateCatalog"/>, a sync pays for what production pays for: HTTP, the resilience
/// pipeline, the body limit, parsing and validation.
/// </summary>
public static class BenchmarkHemera
{
    // The 5,000-participant course with 2,000-character texts is about 31 MB of JSON; the 16 MiB default would refuse it.
    public const long MaxResponseBytes = 256L * 1024 * 1024;

    /// <summary>Starts a stand-in serving <paramref name="course"/> with <paramref name="detailJson"/> (<see cref="DetailBody"/>) as its details.</summary>
    public static async Task<HemeraStandIn> StartAsync(CourseDetail course, byte[] detailJson)
    {
        var hemera = await HemeraStandIn.StartAsync();
        hemera.SetCourses(CourseList(course));
        hemera.SetDetailBody(course.Id, detailJson);
        return hemera;
    }

    /// <summary>
    /// The real <see cref="HemeraClient"/> as <c>AddAitherHemera</c> registers it (typed client, standard resilience
    /// handler, body limit) pointed at <paramref name="hemera"/>. Dispose the provider after the benchmark.
    /// </summary>
    public static ServiceProvider CreateCatalog(HemeraStandIn hemera, out IHemeraCatalog catalog)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Production,
            ApplicationName = "Aither.Benchmarks",
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HEMERA_API_BASE_URL"] = hemera.BaseUrl,
            ["HEMERA_API_KEY"] = hemera.ApiKey,
            ["HEMERA_MAX_RESPONSE_BYTES"] = MaxResponseBytes.ToString(CultureInfo.InvariantCulture),
        });
        builder.AddAitherHemera();
        var provider = builder.Services.BuildServiceProvider();
        catalog = provider.GetRequiredService<IHemeraCatalog>();
        return provider;
    }

    /// <summary>A few finished courses before the one to sync, as a real list has.</summary>
    public static IEnumerable<JsonObject> CourseList(CourseDetail course)
    {
        for (var i = 0; i < 20; i++)
        {
            var start = new DateTimeOffset(2020, 1, 6, 8, 0, 0, TimeSpan.Zero).AddDays(14 * i);
            yield return HemeraJson.Course(HemeraIds.Cuid(i), $"Vergangener Kurs {i}", start, "BEGINNER", 12);
        }

        var next = HemeraJson.Course(course.Id, course.Title, course.StartDate, "INTERMEDIATE", course.Participants.Count);
        next["slug"] = course.Slug;
        next["endDate"] = HemeraJson.Rfc3339(course.EndDate!.Value);
        yield return next;
    }

    /// <summary>Hemera's detail response for <paramref name="course"/>, as Hemera (Node) writes it: umlauts as raw UTF-8.</summary>
    public static byte[] DetailBody(CourseDetail course)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("success", true);
            writer.WriteStartObject("data");
            writer.WriteString("id", course.Id);
            writer.WriteString("title", course.Title);
            writer.WriteString("slug", course.Slug);
            writer.WriteString("level", "INTERMEDIATE");
            writer.WriteString("startDate", HemeraJson.Rfc3339(course.StartDate!.Value));
            writer.WriteString("endDate", HemeraJson.Rfc3339(course.EndDate!.Value));
            writer.WriteStartArray("participants");
            foreach (var p in course.Participants)
            {
                writer.WriteStartObject();
                writer.WriteString("bookingId", p.BookingId);
                writer.WriteString("participationId", p.ParticipationId);
                writer.WriteString("userId", p.UserId);
                writer.WriteString("name", p.Name);
                writer.WriteNull("imageUrl");
                writer.WriteString("status", p.Status);
                writer.WriteString("preparationIntent", p.PreparationIntent);
                writer.WriteString("desiredResults", p.DesiredResults);
                writer.WriteString("lineManagerProfile", p.LineManagerProfile);
                if (p.PreparationCompletedAt is { } completed)
                {
                    writer.WriteString("preparationCompletedAt", HemeraJson.Rfc3339(completed));
                }
                else
                {
                    writer.WriteNull("preparationCompletedAt");
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteStartObject("meta");
            writer.WriteString("requestId", "req_benchmark");
            writer.WriteString("version", "1.0");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
