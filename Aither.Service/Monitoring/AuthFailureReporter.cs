using Aither.Service.Auth;
using Aither.Service.Room;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Aither.Service.Monitoring;

/// <summary>
/// Reports refused calls to the sync API, REST and native gRPC alike (both pass the authorization middleware),
/// and to the room page. The presented token or password is never part of the report.
/// </summary>
internal sealed class AuthFailureReporter(IErrorReporter reporter)
{
    public async Task ReportAsync(HttpContext context, PolicyAuthorizationResult authorizeResult)
    {
        var room = IsRoom(context.Request.Path);
        if ((authorizeResult.Challenged || authorizeResult.Forbidden) && (room || IsSyncApi(context.Request.Path)))
        {
            reporter.ReportAuthFailure(new AuthFailure(
                room ? await RoomReasonAsync(context, authorizeResult).ConfigureAwait(false) : await ReasonAsync(context, authorizeResult).ConfigureAwait(false),
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.TraceIdentifier,
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown"));
        }
    }

    internal static bool IsSyncApi(PathString path) =>
        path.StartsWithSegments("/api/sync", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/aither.sync.v1.SyncService", StringComparison.OrdinalIgnoreCase);

    internal static bool IsRoom(PathString path) => path.StartsWithSegments(RoomEndpoint.Path, StringComparison.OrdinalIgnoreCase);

    /// <summary>The room accepts Basic as well as Bearer, so its own scheme says what was wrong.</summary>
    private static async Task<string> RoomReasonAsync(HttpContext context, PolicyAuthorizationResult result)
    {
        if (result.Forbidden)
        {
            return "forbidden: the credentials grant neither the viewer nor the admin role";
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return "unauthenticated: no Authorization header";
        }

        var failure = (await context.AuthenticateAsync(RoomAuth.Scheme).ConfigureAwait(false)).Failure;
        var detail = failure switch
        {
            null => "the credentials were not accepted",
            AuthenticationFailureException plain => plain.Message,
            _ => $"{failure.GetType().Name}: {failure.Message}",
        };
        // The credentials are everything after the scheme; a handler's message must not echo them, and if it does, they stop here.
        var credentials = header.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? header[(space + 1)..].Trim() : header;
        return "unauthenticated: " + (credentials.Length == 0 ? detail : detail.Replace(credentials, "[scrubbed]", StringComparison.Ordinal));
    }

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
