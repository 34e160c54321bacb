using System.Diagnostics.CodeAnalysis;
using Cronos;

namespace Aither.Service.Scheduling;

/// <summary>A cron expression in a time zone: when the next scheduled sync is due.</summary>
public sealed class SyncSchedule(CronExpression expression, TimeZoneInfo timeZone)
{
    public string Expression { get; } = expression.ToString();

    public string TimeZoneId => timeZone.Id;

    /// <summary>The first occurrence strictly after <paramref name="after"/>; Cronos handles DST gaps and overlaps.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after) =>
        expression.GetNextOccurrence(after, timeZone, inclusive: false);

    public static SyncSchedule Parse(string expression, string timeZoneId) =>
        TryParseExpression(expression, out var cron) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone)
            ? new SyncSchedule(cron, zone)
            : throw new FormatException($"Invalid schedule '{expression}' in time zone '{timeZoneId}'.");

    internal static bool TryParseExpression(string expression, [NotNullWhen(true)] out CronExpression? cron)
    {
        cron = null;
        try
        {
            cron = CronExpression.Parse(expression.Trim(), CronFormat.Standard);
            return true;
        }
        catch (CronFormatException)
        {
            return false;
        }
    }
}
