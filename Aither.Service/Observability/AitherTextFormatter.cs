using System.Globalization;
using Aither.Service.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Aither.Service.Observability;

/// <summary>
/// The Development console: one readable line per event —
/// <c>10:57:58.927 info  SyncCoordinator: sync.started … (request req-…, job sync-…)</c>.
/// </summary>
internal sealed class AitherTextFormatter(TimeProvider? time = null) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "aither-text";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        if (LogFilters.ReportedElsewhere(logEntry.Category, logEntry.Exception))
        {
            return;
        }

        var fields = LogEntryFields.From(logEntry, scopeProvider);
        if (fields.Message.Length == 0 && logEntry.Exception is null)
        {
            return;
        }

        var line = new System.Text.StringBuilder(160)
            .Append(_time.GetLocalNow().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture))
            .Append(' ')
            .Append(Level(logEntry.LogLevel))
            .Append(' ')
            .Append(LogEntryFields.ShortCategory(logEntry.Category))
            .Append(": ")
            // Continuation lines of a multi-line message are indented, so each event still starts one line.
            .Append(fields.Message.ReplaceLineEndings("\n    "));

        var context = new List<string>(2);
        if (fields.RequestId is { } requestId && !fields.Message.Contains(requestId, StringComparison.Ordinal))
        {
            context.Add("request " + requestId);
        }

        if (fields.JobId is { } jobId && !fields.Message.Contains(jobId, StringComparison.Ordinal))
        {
            context.Add("job " + jobId);
        }

        if (context.Count > 0)
        {
            line.Append(" (").AppendJoin(", ", context).Append(')');
        }

        if (logEntry.Exception is { } exception)
        {
            line.Append("\n    ").Append(exception.ToString().ReplaceLineEndings("\n    "));
        }

        textWriter.Write(line.Append('\n').ToString());
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
