using System.Text.Json.Nodes;
using Aither.Service.Sync;
using Microsoft.Extensions.Options;

namespace Aither.Service.Monitoring;

/// <summary>Where an error happened: a request (method, route, request id) or a background job.</summary>
public sealed record ErrorContext(string Source, string? Method = null, string? Route = null, string? RequestId = null, string? JobId = null)
{
    public static ErrorContext ForRequest(HttpContext context) =>
        new("request", context.Request.Method, context.Request.Path.Value, context.TraceIdentifier);

    public static ErrorContext ForJob(string jobId) => new("sync", JobId: jobId);
}
