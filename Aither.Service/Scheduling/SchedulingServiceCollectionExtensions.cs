using Aither.Service.Scheduling;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>The optional built-in schedule (SYNC_SCHEDULE, SYNC_SCHEDULE_TIME_ZONE).</summary>
    public static IServiceCollection AddAitherScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ScheduleOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScheduleOptions>, ScheduleOptionsValidator>();
        services.AddSingleton<SyncScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncScheduler>());
        return services;
    }
}
