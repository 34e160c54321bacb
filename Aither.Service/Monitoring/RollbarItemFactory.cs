using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Aither.Service.Monitoring;

/// <summary>
/// Builds items in Rollbar's Item API format (<c>{"data": {...}}</c>) and scrubs them before they are queued,
/// so that nothing unscrubbed ever waits in memory for the network.
/// </summary>
internal sealed class RollbarItemFactory
{
    private const int MaxFrames = 100;
    private const int MaxMessageLength = 4_000;
    private readonly RollbarOptions _options;
    private readonly string _environment;
    private readonly string? _codeVersion;
    private readonly TimeProvider _time;
    private readonly RollbarScrubber _scrubber;

    public RollbarItemFactory(IOptions<RollbarOptions> options, IHostEnvironment host, TimeProvider time, RollbarScrubber scrubber)
    {
        _options = options.Value;
        _environment = string.IsNullOrWhiteSpace(_options.Environment) ? host.EnvironmentName : _options.Environment.Trim();
        _codeVersion = string.IsNullOrWhiteSpace(_options.CodeVersion)
            ? typeof(RollbarItemFactory).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            : _options.CodeVersion.Trim();
        _time = time;
        _scrubber = scrubber;
    }

    public byte[] Message(RollbarLevel level, string message, JsonObject custom) =>
        Build(level, new JsonObject { ["message"] = new JsonObject { ["body"] = message } }, custom, context: message);

    public byte[] Trace(RollbarLevel level, Exception exception, JsonObject custom, string? context) =>
        Build(level, new JsonObject { ["trace"] = TraceOf(exception) }, custom, context);

    private byte[] Build(RollbarLevel level, JsonObject body, JsonObject custom, string? context)
    {
        var data = new JsonObject
        {
            ["environment"] = _environment,
            ["level"] = LevelName(level),
            ["timestamp"] = _time.GetUtcNow().ToUnixTimeSeconds(),
            ["uuid"] = Guid.NewGuid().ToString(),
            ["platform"] = Platform(),
            ["language"] = "c#",
            ["framework"] = "aspnetcore",
            ["server"] = new JsonObject { ["host"] = Environment.MachineName },
            ["body"] = body,
            ["custom"] = custom,
        };
        if (_codeVersion is not null)
        {
            data["code_version"] = _codeVersion;
        }

        if (context is not null)
        {
            data["context"] = context;
        }

        var item = new JsonObject { ["data"] = data };
        _scrubber.Scrub(item);
        return JsonSerializer.SerializeToUtf8Bytes(item);
    }

    internal static string LevelName(RollbarLevel level) => level switch
    {
        RollbarLevel.Debug => "debug",
        RollbarLevel.Info => "info",
        RollbarLevel.Warning => "warning",
        RollbarLevel.Error => "error",
        _ => "critical",
    };

    private static JsonObject TraceOf(Exception exception)
    {
        var frames = new JsonArray();
        var stackFrames = new StackTrace(exception, fNeedFileInfo: true).GetFrames();
        // Rollbar lists frames oldest call first; StackTrace starts at the throw site.
        foreach (var frame in stackFrames.Take(MaxFrames).Reverse())
        {
            var method = frame.GetMethod();
            var json = new JsonObject
            {
                ["filename"] = frame.GetFileName() ?? method?.DeclaringType?.Assembly.GetName().Name ?? "<unknown>",
                ["method"] = method is null ? "<unknown>" : $"{method.DeclaringType?.FullName}.{method.Name}",
            };
            if (frame.GetFileLineNumber() is > 0 and var line)
            {
                json["lineno"] = line;
            }

            frames.Add(json);
        }

        if (frames.Count == 0)
        {
            frames.Add(new JsonObject { ["filename"] = "<unknown>", ["method"] = "<no stack trace>" });
        }

        return new JsonObject
        {
            ["frames"] = frames,
            ["exception"] = new JsonObject
            {
                ["class"] = exception.GetType().FullName,
                ["message"] = exception.Message.Length > MaxMessageLength ? exception.Message[..MaxMessageLength] + "…" : exception.Message,
            },
        };
    }

    private static string Platform() =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : "unknown";
}
