using Cronos;
using Microsoft.Extensions.Options;

namespace Aither.Service.Scheduling;

internal sealed class ScheduleOptionsValidator : IValidateOptions<ScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, ScheduleOptions options)
    {
        var failures = new List<string>();
        if (options.Enabled && !SyncSchedule.TryParseExpression(options.Schedule!, out _))
        {
            failures.Add($"SYNC_SCHEDULE must be a five-field cron expression such as '*/30 * * * *', got '{options.Schedule}'.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            failures.Add($"SYNC_SCHEDULE_TIME_ZONE must be an IANA time zone id such as 'Europe/Berlin', got '{options.TimeZone}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
