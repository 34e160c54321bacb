using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Aither.Service.Hemera;
using Aither.Service.Sync;
using HandlebarsDotNet;
using Microsoft.Extensions.Options;

namespace Aither.Service.Rendering;

/// <summary>
/// Renders a course into the standalone German HTML page. The Handlebars template is an embedded resource,
/// compiled once; every value goes through the template's HTML escaping (<c>{{…}}</c>, never <c>{{{…}}}</c>).
/// </summary>
public sealed class CoursePageRenderer
{
    /// <summary>Bump when the page changes in a way the template bytes do not show (view model, formatting).</summary>
    public const string RendererVersion = "1";

    internal const string TemplateResourceName = "Aither.Service.Rendering.CoursePage.hbs";

    private const string Placeholder = "–";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly HandlebarsTemplate<TextWriter, object, object> _template;
    private readonly TimeZoneInfo _zone;

    public CoursePageRenderer(IOptions<RenderingOptions> options)
    {
        var zoneId = options.Value.DisplayTimeZone;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            throw new OptionsValidationException(nameof(RenderingOptions), typeof(RenderingOptions),
                [RenderingOptionsValidator.UnknownTimeZone(zoneId)]);
        }

        _zone = zone;

        var template = ReadTemplate();
        var handlebars = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true, TextEncoder = new HtmlTextEncoder() });
        using (var reader = new StringReader(template))
        {
            _template = handlebars.Compile(reader);
        }

        // The display zone is part of the identity: changing DISPLAY_TIME_ZONE changes every date on the page.
        TemplateIdentity = string.Join(
            ':',
            "course-page",
            RendererVersion,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(template))),
            zoneId);
    }

    /// <summary>What, besides the course, determines the page: template bytes, renderer version, display zone.</summary>
    public string TemplateIdentity { get; }

    /// <summary>The content hash of the page this renderer would produce for <paramref name="course"/>.</summary>
    public string ComputeContentHash(CourseDetail course) => ComputeContentHash(new OrderedCourse(course));

    /// <inheritdoc cref="ComputeContentHash(CourseDetail)"/>
    public string ComputeContentHash(OrderedCourse course) => CoursePageHash.Compute(TemplateIdentity, course);

    /// <summary>Writes the page as UTF-8 (no BOM) to <paramref name="destination"/>, which stays open.</summary>
    /// <exception cref="SyncFailedException">Entity <c>render</c>: the template could not be applied.</exception>
    public void Render(CourseDetail course, DateTimeOffset generatedAt, Stream destination) =>
        Render(new OrderedCourse(course), generatedAt, destination);

    /// <inheritdoc cref="Render(CourseDetail, DateTimeOffset, Stream)"/>
    public void Render(OrderedCourse course, DateTimeOffset generatedAt, Stream destination)
    {
        var model = BuildModel(course, generatedAt);
        try
        {
            using var writer = new StreamWriter(destination, Utf8, bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\n" };
            _template(writer, model);
        }
        catch (HandlebarsException ex)
        {
            // The exception text may quote template data, which can be participant text.
            throw new SyncFailedException(SyncErrorEntities.Render, $"Could not render the course page ({ex.GetType().Name})");
        }
        finally
        {
            // Handlebars keeps its last few binding contexts pooled, each with the model it rendered: emptied rows keep
            // those from holding every participant's texts (tens of MB for a large course) until the next renders.
            Array.Clear(model.Participants);
        }
    }

    /// <summary>The page as a string; for tests and previews.</summary>
    public string Render(CourseDetail course, DateTimeOffset generatedAt)
    {
        using var buffer = new MemoryStream();
        Render(course, generatedAt, buffer);
        return Utf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private PageModel BuildModel(OrderedCourse ordered, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        var course = ordered.Course;
        var participants = ordered.Participants
            .Select(p => new ParticipantRow(
                Text(p.Name),
                Text(p.PreparationIntent),
                Text(p.DesiredResults),
                Text(p.LineManagerProfile),
                p.PreparationCompletedAt is null ? Placeholder : "Ja"))
            .ToArray();
        var generated = TimeZoneInfo.ConvertTime(generatedAt, _zone);

        return new PageModel(
            Text(course.Title),
            Text(course.Slug),
            LevelName(course.Level),
            Date(course.StartDate),
            Date(course.EndDate),
            participants.Length.ToString(Invariant),
            participants.Length > 0,
            participants,
            string.Create(Invariant, $"Generiert am {generated:dd.MM.yyyy} um {generated:HH:mm} Uhr"));
    }

    private string Date(DateTimeOffset? value) =>
        value is { } date ? TimeZoneInfo.ConvertTime(date, _zone).ToString("dd.MM.yyyy", Invariant) : Placeholder;

    private static string Text(string? value) => string.IsNullOrWhiteSpace(value) ? Placeholder : value;

    private static string LevelName(CourseLevel level) => level switch
    {
        CourseLevel.Beginner => "Einsteiger",
        CourseLevel.Intermediate => "Fortgeschritten",
        CourseLevel.Advanced => "Experte",
        _ => level.ToString(),
    };

    private static string ReadTemplate()
    {
        using var stream = typeof(CoursePageRenderer).Assembly.GetManifestResourceStream(TemplateResourceName)
            ?? throw new InvalidOperationException($"Embedded template {TemplateResourceName} is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private sealed record PageModel(
        string Title,
        string Slug,
        string Level,
        string StartDate,
        string EndDate,
        string ParticipantCount,
        bool HasParticipants,
        ParticipantRow[] Participants,
        string Generated);

    private sealed record ParticipantRow(
        string Name,
        string PreparationIntent,
        string DesiredResults,
        string LineManagerProfile,
        string PreparationCompleted);
}
