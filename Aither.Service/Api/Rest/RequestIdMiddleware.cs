using System.Buffers;
using System.Globalization;
using Aither.Service.Observability;

namespace Aither.Service.Api.Rest;

/// <summary>
/// Gives every request an id: a well-formed incoming <c>X-Request-ID</c> is reused, anything else is replaced.
/// The id becomes <see cref="HttpContext.TraceIdentifier"/>, the response's <c>X-Request-ID</c> and a log scope.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public const string HeaderName = "X-Request-ID";
    private static readonly SearchValues<char> AllowedChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = context.Request.Headers[HeaderName].ToString();
        if (!IsWellFormed(requestId))
        {
            requestId = NewRequestId();
        }

        context.TraceIdentifier = requestId;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = requestId;
            return Task.CompletedTask;
        });

        using (logger.BeginScope(new LogScope(LogScope.RequestId, requestId)))
        {
            await next(context);
        }
    }

    /// <summary>
    /// <c>req-</c> and 16 random hex digits. An id only has to be unique enough to find a request in the logs, not
    /// unguessable, so the fast shared generator serves; the cryptographic one cost a tenth of a status read.
    /// </summary>
    internal static string NewRequestId() =>
        string.Create(20, Random.Shared.NextInt64(long.MinValue, long.MaxValue), static (chars, value) =>
        {
            "req-".CopyTo(chars);
            value.TryFormat(chars[4..], out _, "x16", CultureInfo.InvariantCulture);
        });

    internal static bool IsWellFormed(string value) =>
        value.Length is >= 1 and <= 64 && !value.AsSpan().ContainsAnyExcept(AllowedChars);
}
