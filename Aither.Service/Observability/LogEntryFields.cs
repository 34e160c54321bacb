using Microsoft.Extensions.Logging.Abstractions;

namespace Aither.Service.Observability;

/// <summary>
/// What both console formats take from a log entry: its message, its structured values, and the request and job
/// it belongs to. A value named in several places (ASP.NET Core's own RequestId scope, ours, the message's JobId)
/// is kept once: the message's own value first, then the innermost scope.
/// </summary>
internal sealed class LogEntryFields
{
    private const string OriginalFormat = "{OriginalFormat}";

    private LogEntryFields(string message, string? requestId, string? jobId, List<KeyValuePair<string, object?>> values)
    {
        Message = message;
        RequestId = requestId;
        JobId = jobId;
        Values = values;
    }

    public string Message { get; }

    public string? RequestId { get; }

    public string? JobId { get; }

    /// <summary>The message's named values and the other scope values, each name once, without request and job id.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Values { get; }

    public static LogEntryFields From<TState>(in LogEntry<TState> entry, IExternalScopeProvider? scopes)
    {
        var message = entry.Formatter(entry.State, entry.Exception) ?? "";
        var values = new List<KeyValuePair<string, object?>>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Message" };
        string? requestId = null;
        string? jobId = null;

        if (entry.State is IEnumerable<KeyValuePair<string, object?>> state)
        {
            foreach (var pair in state)
            {
                if (pair.Key == OriginalFormat)
                {
                    continue;
                }

                if (pair.Key == LogScope.JobId)
                {
                    jobId ??= pair.Value?.ToString();
                }
                else if (pair.Key == LogScope.RequestId)
                {
                    requestId ??= pair.Value?.ToString();
                }
                else if (names.Add(pair.Key))
                {
                    values.Add(pair);
                }
            }
        }

        // Scopes come outermost first; the innermost value of a name wins, so collect and then keep the last.
        string? scopeRequestId = null;
        string? scopeJobId = null;
        var scopeValues = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        var scopeOrder = new List<string>();
        scopes?.ForEachScope((scope, _) =>
        {
            if (scope is not IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                return;
            }

            foreach (var pair in pairs)
            {
                switch (pair.Key)
                {
                    case LogScope.RequestId:
                        scopeRequestId = pair.Value?.ToString();
                        break;
                    case LogScope.JobId:
                        scopeJobId = pair.Value?.ToString();
                        break;
                    case OriginalFormat:
                        break;
                    default:
                        if (!scopeValues.ContainsKey(pair.Key))
                        {
                            scopeOrder.Add(pair.Key);
                        }

                        scopeValues[pair.Key] = pair.Value;
                        break;
                }
            }
        }, (object?)null);

        foreach (var name in scopeOrder)
        {
            if (names.Add(name))
            {
                values.Add(new(name, scopeValues[name]));
            }
        }

        return new LogEntryFields(message, requestId ?? scopeRequestId, jobId ?? scopeJobId, values);
    }

    /// <summary>The last segment of a category: <c>Aither.Service.Sync.SyncCoordinator</c> → <c>SyncCoordinator</c>.</summary>
    public static string ShortCategory(string category)
    {
        var dot = category.LastIndexOf('.');
        return dot < 0 || dot == category.Length - 1 ? category : category[(dot + 1)..];
    }
}
