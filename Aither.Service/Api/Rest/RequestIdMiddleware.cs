using System.Buffers;
using System.Security.Cryptography;
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
            requestId = "req-" + RandomNumberGenerator.GetHexString(16, lowercase: true);
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

    internal static bool IsWellFormed(string value) =>
        value.Length is >= 1 and <= 64 && !value.AsSpan().ContainsAnyExcept(AllowedChars);
}
