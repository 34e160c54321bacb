using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aither.Service.Scheduling;

public static class SchedulingExtensions
{
    /// <summary>The optional built-in schedule (SYNC_SCHEDULE, SYNC_SCHEDULE_TIME_ZONE).</summary>
    public static IHostApplicationBuilder AddAitherScheduling(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<ScheduleOptions, ScheduleOptionsValidator>().Bind(builder.Configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SyncScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncScheduler>());
        return builder;
    }
}
