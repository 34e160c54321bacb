using System.Text.Json.Nodes;
using Aither.Service.Auth;
using Aither.Service.Sync;
using Microsoft.Extensions.Options;

namespace Aither.Service.Monitoring;

/// <summary>
/// Where the API, the auth layer, the coordinator and the e-mail notifier report what operators must hear about.
/// Implementations return at once and never throw.
/// </summary>
public interface IErrorReporter
{
    /// <summary>An unhandled exception or an HTTP 500: an <c>error</c> item with the exception's trace.</summary>
    void ReportException(Exception exception, ErrorContext context);

    /// <summary>An HTTP 500 without an exception object.</summary>
    void ReportError(string message, ErrorContext context);

    /// <summary>A refused call to the sync API: a <c>warning</c> item. Never pass the presented credentials.</summary>
    void ReportAuthFailure(AuthFailure failure);

    /// <summary>An address went over its failed-authentication limit: one <c>warning</c> item per burst.</summary>
    void ReportAuthRateLimited(FailedAuthenticationBurst burst);
}
