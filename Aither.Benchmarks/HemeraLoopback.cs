using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Aither.Service.Hemera;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aither.Benchmarks;

/// <summary>
/// Hemera's service API as far as one sync needs it, on Kestrel at 127.0.0.1 (random port), serving one course
/// list and one course's details as prepared UTF-8 JSON in Hemera's envelope. Paired with
/// <see cref="CreateCatalog"/>, a sync pays for what production pays for: HTTP, the resilience pipeline, the body
/// limit, parsing and validation.
/// </summary>
public sealed class HemeraLoopback : IAsyncDisposable
{
    public const string ApiKey = "benchmark-hemera-key";

    // The 5,000-participant course is about 31 MB of JSON; the 16 MiB default would refuse it.
    private const long MaxResponseBytes = 64L * 1024 * 1024;

    private readonly WebApplication _app;

    private HemeraLoopback(WebApplication app, byte[] coursesJson, byte[] detailJson)
    {
        _app = app;
        CoursesJson = coursesJson;
        DetailJson = detailJson;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public byte[] CoursesJson { get; }

    public byte[] DetailJson { get; }

    public static async Task<HemeraLoopback> StartAsync(CourseDetail course)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // The output folder holds the service's appsettings.json, whose Kestrel endpoints would win over "urls".
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var loopback = new HemeraLoopback(app, CoursesBody(course), DetailBody(course));
        var detailPath = "/api/service/courses/" + course.Id;
        app.Run(context =>
        {
            if (context.Request.Headers["X-API-Key"] != ApiKey)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            }

            var body = context.Request.Path.Value switch
            {
                "/api/service/courses" => loopback.CoursesJson,
                var path when path == detailPath => loopback.DetailJson,
                _ => null,
            };
            if (body is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = body.Length;
            return context.Response.Body.WriteAsync(body).AsTask();
        });
        await app.StartAsync();
        loopback.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return loopback;
    }

    /// <summary>
    /// The real <see cref="HemeraClient"/> as <c>AddAitherHemera</c> registers it (typed client, standard resilience
    /// handler, body limit) pointed at this server. Dispose the provider after the benchmark.
    /// </summary>
    public ServiceProvider CreateCatalog(out IHemeraCatalog catalog)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Production,
            ApplicationName = "Aither.Benchmarks",
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HEMERA_API_BASE_URL"] = BaseAddress.GetLeftPart(UriPartial.Authority),
            ["HEMERA_API_KEY"] = ApiKey,
            ["HEMERA_MAX_RESPONSE_BYTES"] = MaxResponseBytes.ToString(CultureInfo.InvariantCulture),
        });
        builder.AddAitherHemera();
        var provider = builder.Services.BuildServiceProvider();
        catalog = provider.GetRequiredService<IHemeraCatalog>();
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static byte[] CoursesBody(CourseDetail course) => Envelope(writer =>
    {
        writer.WriteStartArray();
        // A few finished courses before the one to sync, as a real list has.
        for (var i = 0; i < 20; i++)
        {
            var start = new DateTimeOffset(2020, 1, 6, 8, 0, 0, TimeSpan.Zero).AddDays(14 * i);
            WriteCourseFields(writer, $"course-past-{i:D2}", $"Vergangener Kurs {i}", $"vergangen-{i}", "BEGINNER", start, start.AddDays(1), () => writer.WriteNumber("participantCount", 12));
        }

        WriteCourseFields(writer, course.Id, course.Title, course.Slug, "INTERMEDIATE", course.StartDate!.Value, course.EndDate!.Value,
            () => writer.WriteNumber("participantCount", course.Participants.Count));
        writer.WriteEndArray();
    });

    private static byte[] DetailBody(CourseDetail course) => Envelope(writer =>
        WriteCourseFields(writer, course.Id, course.Title, course.Slug, "INTERMEDIATE", course.StartDate!.Value, course.EndDate!.Value, () =>
        {
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
                    writer.WriteString("preparationCompletedAt", Rfc3339(completed));
                }
                else
                {
                    writer.WriteNull("preparationCompletedAt");
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }));

    private static void WriteCourseFields(
        Utf8JsonWriter writer, string id, string title, string slug, string level, DateTimeOffset start, DateTimeOffset end, Action more)
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("title", title);
        writer.WriteString("slug", slug);
        writer.WriteString("level", level);
        writer.WriteString("startDate", Rfc3339(start));
        writer.WriteString("endDate", Rfc3339(end));
        more();
        writer.WriteEndObject();
    }

    private static byte[] Envelope(Action<Utf8JsonWriter> writeData)
    {
        var buffer = new ArrayBufferWriter<byte>();
        // Hemera (Node) sends umlauts as raw UTF-8, not as \u escapes.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("success", true);
            writer.WritePropertyName("data");
            writeData(writer);
            writer.WriteStartObject("meta");
            writer.WriteString("requestId", "req_benchmark");
            writer.WriteString("timestamp", Rfc3339(DateTimeOffset.UnixEpoch));
            writer.WriteString("version", "1.0");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string Rfc3339(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
