using System.Globalization;
using Aither.Service.Sync;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Aither.Service.Hemera;

/// <summary>
/// The Hemera service API as an <see cref="IHemeraCatalog"/>: a typed client whose <see cref="HttpClient"/> carries
/// the base address, <c>X-API-Key</c>, the standard resilience handler (timeouts, retries, Retry-After) and the
/// body limit. Only paths under <c>/api/service/</c> are requested.
/// </summary>
public sealed partial class HemeraClient(
    HttpClient http,
    IHttpClientFactory httpClientFactory,
    IOptions<HemeraOptions> options,
    ILogger<HemeraClient> logger) : IHemeraCatalog
{
    /// <summary>Courses asked for per page; Hemera's maximum.</summary>
    public const int PageSize = 500;

    internal const string ProbeClientName = "hemera-probe";
    internal const string ServicePathPrefix = "/api/service/";

    // A catalogue is hundreds of courses; this many full pages means Hemera ignores offset.
    private const int MaxPages = 200;

    private readonly HemeraOptions _options = options.Value;

    /// <inheritdoc/>
    public Task<IReadOnlyList<CourseSummary>> GetCoursesAsync(CancellationToken cancellationToken) =>
        GetCoursesAsync(pagesFetched: null, cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<CourseSummary>> GetCoursesAsync(IProgress<int>? pagesFetched, CancellationToken cancellationToken)
    {
        var courses = new List<CourseSummary>();
        for (var page = 0; ; page++)
        {
            if (page == MaxPages)
            {
                throw new SyncFailedException(HemeraResponseParser.CoursesEntity,
                    $"Hemera returned {MaxPages} full pages of {PageSize} courses; it seems to ignore offset.");
            }

            var offset = page * PageSize;
            var items = await GetAsync<IReadOnlyList<CourseSummary>>(HemeraResponseParser.CoursesEntity,
                string.Create(CultureInfo.InvariantCulture, $"api/service/courses?limit={PageSize}&offset={offset}"),
                async (body, ct) => await HemeraResponseParser.ReadCoursesAsync(body, ct).ConfigureAwait(false), cancellationToken)
                .ConfigureAwait(false);
            courses.AddRange(items);
            Log.CoursePage(logger, offset, items.Count);
            pagesFetched?.Report(page + 1);

            // A short page is the last one; a longer one means Hemera ignored limit and sent everything.
            if (items.Count != PageSize)
            {
                return courses;
            }
        }
    }

    /// <inheritdoc/>
    public async Task<CourseDetail> GetCourseDetailAsync(string courseId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(courseId);
        if (courseId.Trim('.').Length == 0)
        {
            // "." and ".." would survive escaping and be resolved as path segments.
            throw new SyncFailedException(HemeraResponseParser.CourseDetailEntity, "The course id is not a Hemera id.");
        }

        var detail = await GetAsync<CourseDetail>(HemeraResponseParser.CourseDetailEntity, "api/service/courses/" + Uri.EscapeDataString(courseId),
            async (body, ct) => await HemeraResponseParser.ReadCourseDetailAsync(body, ct).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);
        return detail.Id == courseId
            ? detail
            : throw new SyncFailedException(HemeraResponseParser.CourseDetailEntity, "data.id: not the course that was requested");
    }

    /// <inheritdoc/>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        // The probe client has no resilience handler: readiness wants one quick answer, not retries.
        var probe = httpClientFactory.CreateClient(ProbeClientName);
        try
        {
            using var response = await probe.GetAsync(new Uri("api/service/courses?limit=1&offset=0", UriKind.Relative),
                HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                Log.ProbeStatus(logger, (int)response.StatusCode);
            }

            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            Log.ProbeFailed(logger, ex.GetType().Name);
            return false;
        }
    }

    /// <summary>GETs <paramref name="relativeUri"/>; the body is parsed by <paramref name="read"/> as it streams in, inside each attempt.</summary>
    private async Task<T> GetAsync<T>(string entity, string relativeUri, Func<Stream, CancellationToken, ValueTask<object>> read,
        CancellationToken cancellationToken)
    {
        var uri = new Uri(http.BaseAddress!, relativeUri);
        if (!uri.AbsolutePath.StartsWith(ServicePathPrefix, StringComparison.Ordinal)
            || Uri.Compare(uri, http.BaseAddress, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new SyncFailedException(entity, "Refusing to request a path outside Hemera's /api/service/.");
        }

        var path = uri.AbsolutePath;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Options.Set(HemeraBodyLimitHandler.ReaderKey, read);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var content = (HemeraParsedContent)response.Content;
            return response.IsSuccessStatusCode
                ? (T)content.Value
                : throw StatusFailure(entity, path, (int)response.StatusCode, HemeraResponseParser.TryReadErrorCode((byte[])content.Value));
        }
        catch (Exception ex) when (Describe(ex, cancellationToken) is { } reason)
        {
            Log.RequestFailed(logger, entity, path, reason);
            throw new SyncFailedException(entity, reason, ex);
        }
        catch (SyncFailedException ex)
        {
            Log.RequestFailed(logger, entity, path, ex.Message);
            throw;
        }
    }

    private static SyncFailedException StatusFailure(string entity, string path, int status, string? errorCode)
    {
        var code = errorCode is null ? "" : " " + errorCode;
        var message = status is 401 or 403
            ? string.Create(CultureInfo.InvariantCulture, $"Hemera rejected the API key (HTTP {status}{code}).")
            : string.Create(CultureInfo.InvariantCulture, $"Hemera answered HTTP {status}{code} for GET {path}.");
        return new SyncFailedException(entity, message);
    }

    /// <summary>An operator-safe reason for a transport failure; null for the caller's own cancellation and for our own errors.</summary>
    private string? Describe(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        HemeraResponseTooLargeException tooLarge => tooLarge.Message,
        TimeoutRejectedException timeout => string.Create(CultureInfo.InvariantCulture,
            $"Hemera did not answer in time (timeout {timeout.Timeout.TotalMilliseconds:0} ms; HEMERA_ATTEMPT_TIMEOUT_MS={_options.AttemptTimeoutMs}, HEMERA_TOTAL_TIMEOUT_MS={_options.TotalTimeoutMs})."),
        BrokenCircuitException => "Hemera failed too often recently; requests are paused for a moment (circuit open).",
        ExecutionRejectedException => "The request to Hemera was rejected by the client's resilience pipeline.",
        HttpRequestException http => $"Hemera could not be reached ({http.HttpRequestError}): {http.Message}",
        OperationCanceledException when !cancellationToken.IsCancellationRequested => "Hemera did not answer in time.",
        _ => null,
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 201, EventName = "HemeraClient.CoursePage", Level = LogLevel.Debug, Message = "Hemera course page at offset {Offset}: {Count} course(s)")]
        public static partial void CoursePage(ILogger logger, int offset, int count);

        [LoggerMessage(EventId = 202, EventName = "HemeraClient.RequestFailed", Level = LogLevel.Warning, Message = "Hemera request for {Entity} (GET {Path}) failed: {Reason}")]
        public static partial void RequestFailed(ILogger logger, string entity, string path, string reason);

        [LoggerMessage(EventId = 203, EventName = "HemeraClient.ProbeStatus", Level = LogLevel.Debug, Message = "Hemera readiness probe answered HTTP {Status}")]
        public static partial void ProbeStatus(ILogger logger, int status);

        [LoggerMessage(EventId = 204, EventName = "HemeraClient.ProbeFailed", Level = LogLevel.Debug, Message = "Hemera readiness probe failed: {Reason}")]
        public static partial void ProbeFailed(ILogger logger, string reason);
    }
}
