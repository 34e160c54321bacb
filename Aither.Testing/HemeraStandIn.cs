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

/// <summary>
/// A small Hemera service API on Kestrel at 127.0.0.1 (random port), behaving like the real one: <c>X-API-Key</c>
/// check (401 envelope), <c>GET /api/service/courses</c> paged by <c>limit</c> (1–500, default 100) and
/// <c>offset</c>, <c>GET /api/service/courses/{id}</c> (404/400 envelopes), the envelope with <c>meta</c>, the
/// legacy shapes on request. Tests set the data, queue replies for the next matching requests (faults, hangs,
/// malformed bodies) and inspect every request received.
/// </summary>
public sealed class HemeraStandIn : IAsyncDisposable
{
    public const string DefaultApiKey = "test-hemera-key";

    private readonly Lock _lock = new();
    private readonly List<JsonObject> _courses = [];
    private readonly Dictionary<string, JsonObject> _detailData = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _detailBodies = new(StringComparer.Ordinal);
    private readonly List<(string? PathPrefix, HemeraReply Reply)> _queued = [];
    private readonly List<(string PathPrefix, Task Release)> _holds = [];
    private readonly List<HemeraRequest> _requests = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly WebApplication _app;
    private int _requestIds;

    private HemeraStandIn(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The origin to use as HEMERA_API_BASE_URL, e.g. <c>http://127.0.0.1:54321</c> (no trailing slash).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The origin as a string without trailing slash, ready for configuration.</summary>
    public string BaseUrl => BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>The key requests must carry; anything else gets Hemera's 401 envelope.</summary>
    public string ApiKey { get; set; } = DefaultApiKey;

    /// <summary>Answer in the legacy shapes: <c>data: {courses, total}</c> and <c>data: {course}</c>.</summary>
    public bool LegacyShape { get; set; }

    public IReadOnlyList<HemeraRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return _requests.ToArray();
            }
        }
    }

    public int RequestCount
    {
        get
        {
            lock (_lock)
            {
                return _requests.Count;
            }
        }
    }

    public static async Task<HemeraStandIn> StartAsync()
    {
        var builder = LoopbackServer.CreateBuilder();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        HemeraStandIn? standIn = null;
        app.Run(context => standIn!.HandleAsync(context));
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        standIn = new HemeraStandIn(app, LoopbackServer.Address(app));
        return standIn;
    }

    /// <summary>Replaces the course list (each item is one entry of <c>data</c>, in the order to serve).</summary>
    public void SetCourses(IEnumerable<JsonObject> courses)
    {
        lock (_lock)
        {
            _courses.Clear();
            _courses.AddRange(courses.Select(c => (JsonObject)c.DeepClone()));
        }
    }

    /// <summary>Serves <paramref name="course"/> (the object Hemera puts into <c>data</c>) for its id.</summary>
    public void SetDetail(JsonObject course)
    {
        var id = course["id"]?.GetValue<string>() ?? throw new ArgumentException("The course needs an id.", nameof(course));
        var data = (JsonObject)course.DeepClone();
        lock (_lock)
        {
            _detailBodies.Remove(id);
            _detailData[id] = data;
        }
    }

    /// <summary>Serves <paramref name="body"/> verbatim (status 200) for <paramref name="courseId"/>, e.g. a reference file.</summary>
    public void SetDetailBody(string courseId, string body) => SetDetailBody(courseId, Encoding.UTF8.GetBytes(body));

    /// <summary>Serves the UTF-8 <paramref name="body"/> verbatim (status 200) for <paramref name="courseId"/>, from memory.</summary>
    public void SetDetailBody(string courseId, byte[] body)
    {
        lock (_lock)
        {
            _detailData.Remove(courseId);
            _detailBodies[courseId] = body;
        }
    }

    /// <summary>
    /// The next request whose path starts with <paramref name="pathPrefix"/> (any request when null) gets
    /// <paramref name="reply"/> instead of the normal answer. Queued replies are used in order, once each.
    /// </summary>
    public void Enqueue(HemeraReply reply, string? pathPrefix = null)
    {
        lock (_lock)
        {
            _queued.Add((pathPrefix, reply));
        }
    }

    /// <summary>
    /// The next request whose path starts with <paramref name="pathPrefix"/> waits for <paramref name="release"/>
    /// (or the client giving up), then gets the normal answer. Holds are used in order, once each.
    /// </summary>
    public void Hold(string pathPrefix, Task release)
    {
        lock (_lock)
        {
            _holds.Add((pathPrefix, release));
        }
    }

    /// <summary>Completes when at least <paramref name="count"/> requests have arrived.</summary>
    public Task WaitForRequestsAsync(int count)
    {
        lock (_lock)
        {
            if (_requests.Count >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = Record(context);
        var requestId = "req_" + Interlocked.Increment(ref _requestIds).ToString("x8", CultureInfo.InvariantCulture);
        context.Response.Headers["X-Request-ID"] = requestId;

        HemeraReply? queued = null;
        lock (_lock)
        {
            var index = _queued.FindIndex(q => q.PathPrefix is null || request.Path.StartsWith(q.PathPrefix, StringComparison.Ordinal));
            if (index >= 0)
            {
                queued = _queued[index].Reply;
                _queued.RemoveAt(index);
            }
        }

        Task? hold = null;
        lock (_lock)
        {
            var index = queued is null ? _holds.FindIndex(h => request.Path.StartsWith(h.PathPrefix, StringComparison.Ordinal)) : -1;
            if (index >= 0)
            {
                hold = _holds[index].Release;
                _holds.RemoveAt(index);
            }
        }

        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        if (queued is not null)
        {
            await queued.WriteAsync(context, aborted.Token);
            return;
        }

        if (hold is not null)
        {
            try
            {
                await hold.WaitAsync(aborted.Token);
            }
            catch (OperationCanceledException)
            {
                context.Abort();
                return;
            }
        }

        if (request.Headers.GetValueOrDefault("X-API-Key") != ApiKey)
        {
            await WriteError(context, 401, "UNAUTHORIZED", "Authentication required", requestId);
            return;
        }

        const string courses = "/api/service/courses";
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await WriteError(context, 405, "METHOD_NOT_ALLOWED", "Method not allowed", requestId);
        }
        else if (request.Path == courses)
        {
            await WriteCourses(context, requestId);
        }
        else if (request.Path.StartsWith(courses + "/", StringComparison.Ordinal) && request.Path.IndexOf('/', courses.Length + 1) < 0)
        {
            await WriteDetail(context, Uri.UnescapeDataString(request.Path[(courses.Length + 1)..]), requestId);
        }
        else
        {
            await WriteError(context, 404, "NOT_FOUND", "Route not found", requestId);
        }
    }

    private HemeraRequest Record(HttpContext context)
    {
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new HemeraRequest(
            context.Request.Method,
            queryStart < 0 ? rawTarget : rawTarget[..queryStart],
            queryStart < 0 ? "" : rawTarget[queryStart..],
            headers);
        lock (_lock)
        {
            _requests.Add(request);
            foreach (var waiter in _waiters.Where(w => _requests.Count >= w.Count).ToArray())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        return request;
    }

    private async Task WriteCourses(HttpContext context, string requestId)
    {
        var query = context.Request.Query;
        var limit = 100;
        var offset = 0;
        if ((query.TryGetValue("limit", out var l) && (!int.TryParse(l, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 500))
            || (query.TryGetValue("offset", out var o) && (!int.TryParse(o, CultureInfo.InvariantCulture, out offset) || offset < 0)))
        {
            await WriteError(context, 400, "VALIDATION_ERROR", "limit must be 1-500 and offset >= 0", requestId);
            return;
        }

        JsonArray page;
        int total;
        lock (_lock)
        {
            total = _courses.Count;
            page = new JsonArray(_courses.Skip(offset).Take(limit).Select(c => (JsonNode)c.DeepClone()).ToArray());
        }

        JsonNode data = LegacyShape ? new JsonObject { ["courses"] = page, ["total"] = total } : page;
        await WriteSuccess(context, data, requestId);
    }

    private async Task WriteDetail(HttpContext context, string id, string requestId)
    {
        byte[]? body = null;
        JsonObject? data = null;
        lock (_lock)
        {
            if (_detailData.TryGetValue(id, out var d))
            {
                data = (JsonObject)d.DeepClone();
            }
            else
            {
                _detailBodies.TryGetValue(id, out body);
            }
        }

        if (body is not null)
        {
            await WriteBody(context, 200, body, rateLimited: true);
        }
        else if (data is not null)
        {
            await WriteSuccess(context, LegacyShape ? new JsonObject { ["course"] = data } : data, requestId);
        }
        else if (!HemeraIds.IsCuid(id))
        {
            await WriteError(context, 400, "VALIDATION_ERROR", "Invalid course id", requestId);
        }
        else
        {
            await WriteError(context, 404, "NOT_FOUND", "Course not found", requestId);
        }
    }

    private static Task WriteSuccess(HttpContext context, JsonNode data, string requestId)
    {
        var envelope = new JsonObject
        {
            ["success"] = true,
            ["data"] = data,
            ["meta"] = Meta(requestId, withVersion: true),
        };
        return WriteBody(context, 200, Encoding.UTF8.GetBytes(envelope.ToJsonString()), rateLimited: true);
    }

    /// <summary>Hemera's error envelope, as in the reference files (429 has no <c>meta.version</c>).</summary>
    public static string ErrorBody(string code, string message, string requestId = "req_standin") => new JsonObject
    {
        ["success"] = false,
        ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
        ["meta"] = Meta(requestId, withVersion: code != "RATE_LIMITED"),
    }.ToJsonString();

    private static Task WriteError(HttpContext context, int status, string code, string message, string requestId) =>
        WriteBody(context, status, Encoding.UTF8.GetBytes(ErrorBody(code, message, requestId)), rateLimited: false);

    private static JsonObject Meta(string requestId, bool withVersion)
    {
        var meta = new JsonObject
        {
            ["requestId"] = requestId,
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
        if (withVersion)
        {
            meta["version"] = "1.0";
        }

        return meta;
    }

    private static async Task WriteBody(HttpContext context, int status, byte[] bytes, bool rateLimited)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = bytes.Length;
        if (rateLimited)
        {
            context.Response.Headers["X-RateLimit-Limit"] = "100";
            context.Response.Headers["X-RateLimit-Remaining"] = "99";
            context.Response.Headers["X-RateLimit-Reset"] = "60";
        }

        await context.Response.Body.WriteAsync(bytes);
    }
}
