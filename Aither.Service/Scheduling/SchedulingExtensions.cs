using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Aither.Service.Scheduling;

public static class SchedulingExtensions
{
    /// <summary>The optional built-in schedule (SYNC_SCHEDULE, SYNC_SCHEDULE_TIME_ZONE).</summary>
    public static IHostApplicationBuilder AddAitherScheduling(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ScheduleOptions>().Bind(builder.Configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScheduleOptions>, ScheduleOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SyncScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncScheduler>());
        return builder;
    }
}
