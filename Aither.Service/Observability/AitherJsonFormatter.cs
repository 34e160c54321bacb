using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Aither.Service.Observability;

/// <summary>
/// The console outside Development: one JSON object per line for log shippers, each field once —
/// <c>timestamp</c> (RFC 3339, UTC), <c>level</c>, <c>category</c>, <c>eventId</c>, <c>eventName</c>, <c>message</c>,
/// <c>requestId</c> and <c>jobId</c> where they apply, the message's named values, and <c>exception</c>.
/// </summary>
internal sealed class AitherJsonFormatter(TimeProvider? time = null) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "aither-json";

    // Messages read as written in a log viewer ("don't", "<token>"), not \u0027 and \u003C; the output is never HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        if (LogFilters.ReportedElsewhere(logEntry.Category, logEntry.Exception))
        {
            return;
        }

        var fields = LogEntryFields.From(logEntry, scopeProvider);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("level", logEntry.LogLevel.ToString());
            json.WriteString("category", logEntry.Category);
            json.WriteNumber("eventId", logEntry.EventId.Id);
            if (!string.IsNullOrEmpty(logEntry.EventId.Name))
            {
                json.WriteString("eventName", logEntry.EventId.Name);
            }

            json.WriteString("message", fields.Message);
            if (fields.RequestId is { } requestId)
            {
                json.WriteString("requestId", requestId);
            }

            if (fields.JobId is { } jobId)
            {
                json.WriteString("jobId", jobId);
            }

            var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "timestamp", "level", "category", "eventId", "eventName", "message", "requestId", "jobId", "exception",
            };
            foreach (var (name, value) in fields.Values)
            {
                if (written.Add(name))
                {
                    WriteValue(json, name, value);
                }
            }

            if (logEntry.Exception is { } exception)
            {
                json.WriteString("exception", exception.ToString());
            }

            json.WriteEndObject();
        }

        textWriter.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        textWriter.Write('\n');
    }

    private static void WriteValue(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(name);
                break;
            case bool flag:
                json.WriteBoolean(name, flag);
                break;
            case int or long or short or byte or uint or ulong or ushort or sbyte:
                json.WriteNumber(name, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double or float or decimal:
                json.WriteNumber(name, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset moment:
                json.WriteString(name, moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                break;
            case IFormattable formattable:
                json.WriteString(name, formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteString(name, value.ToString());
                break;
        }
    }
}
