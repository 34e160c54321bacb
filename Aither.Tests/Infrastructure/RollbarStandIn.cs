using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Aither.Tests.Infrastructure;

/// <summary>
/// Rollbar's Item API on 127.0.0.1: records every request (raw bytes, parsed JSON, token header) and answers
/// 200 unless told otherwise: planned replies (429 with rate-limit headers, 500) or holding requests (slow/down).
/// </summary>
public sealed class RollbarStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<RecordedRollbarRequest> _requests = [];
    private readonly Queue<PlannedReply> _planned = new();
    private TaskCompletionSource _changed = NewSignal();
    private TaskCompletionSource? _hold;

    private RollbarStandIn(WebApplication app)
    {
        _app = app;
    }

    public Uri ItemUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRollbarRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>Requests that were answered 200: what Rollbar would have stored.</summary>
    public IReadOnlyList<RecordedRollbarRequest> Accepted => Requests.Where(r => r.Status == 200).ToArray();

    public static async Task<RollbarStandIn> StartAsync()
    {
        var app = LoopbackServer.CreateBuilder().Build();
        var standIn = new RollbarStandIn(app);
        app.MapPost("/api/1/item/", standIn.HandleAsync);
        await app.StartAsync();
        standIn.ItemUrl = new Uri(app.Urls.First() + "/api/1/item/");
        return standIn;
    }

    /// <summary>The next requests get these replies, in order; then 200 again.</summary>
    public void Plan(int status, IDictionary<string, string>? headers = null, int times = 1)
    {
        lock (_lock)
        {
            for (var i = 0; i < times; i++)
            {
                _planned.Enqueue(new PlannedReply(status, headers ?? new Dictionary<string, string>()));
            }
        }
    }

    /// <summary>Requests are recorded on arrival, then held unanswered until <see cref="Release"/>.</summary>
    public void Hold()
    {
        lock (_lock)
        {
            _hold ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Release()
    {
        lock (_lock)
        {
            _hold?.TrySetResult();
            _hold = null;
        }
    }

    /// <summary>Waits until the recorded requests satisfy <paramref name="condition"/>.</summary>
    public async Task<IReadOnlyList<RecordedRollbarRequest>> WaitForAsync(Func<IReadOnlyList<RecordedRollbarRequest>, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Guard);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                var snapshot = _requests.ToArray();
                if (condition(snapshot))
                {
                    return snapshot;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(timeout.Token);
        }
    }

    public Task<IReadOnlyList<RecordedRollbarRequest>> WaitForItemAsync(string message) =>
        WaitForAsync(requests => requests.Any(r => r.Status == 200 && r.Message == message));

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var bytes = body.ToArray();
        var recorded = new RecordedRollbarRequest(
            bytes,
            JsonDocument.Parse(bytes).RootElement.Clone(),
            context.Request.Headers["X-Rollbar-Access-Token"].ToString(),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
        Task hold;
        PlannedReply reply;
        lock (_lock)
        {
            reply = _planned.Count > 0 ? _planned.Dequeue() : new PlannedReply(200, new Dictionary<string, string>());
            hold = _hold?.Task ?? Task.CompletedTask;
            _requests.Add(recorded);
            Signal();
        }

        await hold.WaitAsync(context.RequestAborted);
        lock (_lock)
        {
            recorded.Status = reply.Status;
            Signal();
        }

        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsJsonAsync(
            reply.Status == (int)HttpStatusCode.OK
                ? new { err = 0, result = new { uuid = recorded.Uuid } }
                : (object)new { err = 1, message = "stand-in error" },
            context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Signal()
    {
        _changed.TrySetResult();
        _changed = NewSignal();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record PlannedReply(int Status, IDictionary<string, string> Headers);
}
