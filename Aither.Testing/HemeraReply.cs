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

/// <summary>A reply the test queues on <see cref="HemeraStandIn"/> instead of the normal answer.</summary>
public sealed class HemeraReply
{
    private readonly Func<HttpContext, CancellationToken, Task> _write;

    private HemeraReply(Func<HttpContext, CancellationToken, Task> write) => _write = write;

    /// <summary>A status with a body (JSON or not) and extra headers; <paramref name="chunked"/> leaves out Content-Length.</summary>
    public static HemeraReply Status(int status, string body = "", IReadOnlyDictionary<string, string>? headers = null, bool chunked = false) =>
        new(async (context, cancellationToken) =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json; charset=utf-8";
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            var bytes = Encoding.UTF8.GetBytes(body);
            if (!chunked)
            {
                context.Response.ContentLength = bytes.Length;
                await context.Response.Body.WriteAsync(bytes, cancellationToken);
                return;
            }

            var half = bytes.Length / 2;
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, half), cancellationToken);
            await context.Response.Body.FlushAsync(cancellationToken);
            await context.Response.Body.WriteAsync(bytes.AsMemory(half), cancellationToken);
        });

    /// <summary>Hemera's error envelope with <paramref name="code"/>.</summary>
    public static HemeraReply Error(int status, string code, string message = "Error", IReadOnlyDictionary<string, string>? headers = null) =>
        Status(status, HemeraStandIn.ErrorBody(code, message), headers);

    /// <summary>429 RATE_LIMITED with <c>Retry-After</c> (seconds or an HTTP date) and the rate-limit headers.</summary>
    public static HemeraReply RateLimited(string retryAfter) => Error(429, "RATE_LIMITED", "Too many requests. Please try again later.",
        new Dictionary<string, string>
        {
            ["Retry-After"] = retryAfter,
            ["X-RateLimit-Limit"] = "100",
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset"] = retryAfter,
        });

    /// <summary>Sends nothing until the client gives up (or the stand-in stops).</summary>
    public static HemeraReply Hang() => new(async (_, cancellationToken) => await WaitForCancellation(cancellationToken));

    /// <summary>Sends 200, the headers and the start of a body, then stalls.</summary>
    public static HemeraReply HangAfterHeaders() => new(async (context, cancellationToken) =>
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync("{\"success\":true,\"data\":["u8.ToArray(), cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
        await WaitForCancellation(cancellationToken);
    });

    /// <summary>Waits for <paramref name="release"/> (or the client giving up), then answers with <paramref name="then"/>.</summary>
    public static HemeraReply After(Task release, HemeraReply then) => new(async (context, cancellationToken) =>
    {
        await release.WaitAsync(cancellationToken);
        await then.WriteAsync(context, cancellationToken);
    });

    internal async Task WriteAsync(HttpContext context, CancellationToken cancellationToken)
    {
        try
        {
            await _write(context, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
        }
    }

    private static async Task WaitForCancellation(CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = cancellationToken.Register(() => cancelled.TrySetResult());
        await cancelled.Task;
        throw new OperationCanceledException(cancellationToken);
    }
}
