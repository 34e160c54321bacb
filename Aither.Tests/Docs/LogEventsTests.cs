using System.Reflection;
using System.Text.RegularExpressions;
using Aither.Service.Sync;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Aither.Tests.Docs;

/// <summary>Every log line the service writes has its own id and name, and docs/logging.md lists them all.</summary>
public sealed partial class LogEventsTests
{
    private static readonly LoggerMessageAttribute[] Events = typeof(SyncCoordinator).Assembly
        .GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
        .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
        .OfType<LoggerMessageAttribute>()
        .ToArray();

    [Fact]
    public void LoggerMessages_InTheServiceAssembly_AreFound()
    {
        Assert.True(Events.Length >= 30, $"found only {Events.Length} [LoggerMessage] methods");
    }

    [Fact]
    public void LoggerMessages_Everyone_HasAnEventIdAndAName()
    {
        Assert.All(Events, e =>
        {
            Assert.True(e.EventId > 0, $"'{e.Message}' has no EventId");
            Assert.False(string.IsNullOrWhiteSpace(e.EventName), $"'{e.Message}' has no EventName");
        });
    }

    [Fact]
    public void LoggerMessages_IdsAndNames_AreUnique()
    {
        Assert.Empty(Events.GroupBy(e => e.EventId).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Empty(Events.GroupBy(e => e.EventName).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void LoggingDoc_Table_ListsEveryEventWithItsName()
    {
        var doc = File.ReadAllText(Path.Combine(Path.GetDirectoryName(Readme.Path)!, "docs", "logging.md"));
        var rows = TableRow().Matches(doc).ToDictionary(m => int.Parse(m.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture), m => m.Groups["name"].Value);

        Assert.All(Events, e => Assert.Equal(e.EventName, rows.GetValueOrDefault(e.EventId)));
        Assert.Equal(Events.Length, rows.Count);
    }

    [GeneratedRegex(@"^\| (?<id>\d+) \| `(?<name>[^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
