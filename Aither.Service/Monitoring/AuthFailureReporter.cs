using Aither.Service.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Aither.Service.Monitoring;

/// <summary>
/// Reports refused calls to the sync API, REST and native gRPC alike (both pass the authorization middleware).
/// The presented token is never part of the report.
/// </summary>
internal sealed class AuthFailureReporter(IErrorReporter reporter)
{
    public async Task ReportAsync(HttpContext context, PolicyAuthorizationResult authorizeResult)
    {
        if ((authorizeResult.Challenged || authorizeResult.Forbidden) && IsSyncApi(context.Request.Path))
        {
            reporter.ReportAuthFailure(new AuthFailure(
                await ReasonAsync(context, authorizeResult).ConfigureAwait(false),
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.TraceIdentifier,
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown"));
        }
    }

    internal static bool IsSyncApi(PathString path) =>
        path.StartsWithSegments("/api/sync", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/aither.sync.v1.SyncService", StringComparison.OrdinalIgnoreCase);

    private static async Task<string> ReasonAsync(HttpContext context, PolicyAuthorizationResult result)
    {
        if (result.Forbidden)
        {
            return "forbidden: the credentials do not grant the admin role";
        }

        var token = BearerToken.From(context.Request);
        if (token is null)
        {
            return context.Request.Headers.Authorization.Count == 0
                ? "unauthenticated: no Authorization header"
                : "unauthenticated: the Authorization header is not a bearer token";
        }

        // The authentication middleware keeps only successful results; handlers cache theirs, so this is cheap.
        var failure = (await context.AuthenticateAsync().ConfigureAwait(false)).Failure;
        var detail = failure switch
        {
            null => "the token was not accepted",
            AuthenticationFailureException plain => plain.Message,
            _ => $"{failure.GetType().Name}: {failure.Message}",
        };
        // Belt and braces: a handler's message must not echo the token, but if it does, it stops here.
        return "unauthenticated: " + detail.Replace(token, "[scrubbed]", StringComparison.Ordinal);
    }
}
