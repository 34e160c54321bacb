using Cronos;
using Microsoft.Extensions.Options;

namespace Aither.Service.Scheduling;

/// <summary>The built-in schedule. Bound from the environment variables named on each property; unset means off.</summary>
public sealed class ScheduleOptions
{
    /// <summary>A five-field cron expression, e.g. <c>*/30 * * * *</c>.</summary>
    [ConfigurationKeyName("SYNC_SCHEDULE")]
    public string? Schedule { get; set; }

    /// <summary>The IANA time zone the expression is read in.</summary>
    [ConfigurationKeyName("SYNC_SCHEDULE_TIME_ZONE")]
    public string TimeZone { get; set; } = "UTC";

    public bool Enabled => !string.IsNullOrWhiteSpace(Schedule);
}
