using Aither.Service.Hemera;
using Aither.Service.Sync;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Aither.Service.Monitoring;

public static class MonitoringExtensions
{
    /// <summary>
    /// Rollbar items (sync.completed, corrupted manifest, errors, auth failures), failure e-mail, the Aither.Sync
    /// meter, and the registry of personal data the scrubber removes. It hears about syncs and participants as an
    /// observer (<see cref="ISyncObserver"/>, <see cref="IHemeraCatalogObserver"/>), so registration order does not
    /// matter; <see cref="RollbarSender"/> flushes after every other hosted service has stopped.
    /// </summary>
    public static IHostApplicationBuilder AddAitherMonitoring(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptionsWithValidateOnStart<RollbarOptions, RollbarOptionsValidator>().Bind(configuration);
        services.AddOptions<MonitoringSecrets>().Bind(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();

        services.TryAddSingleton<AitherMetrics>();
        services.AddSingleton<ISyncObserver>(sp => sp.GetRequiredService<AitherMetrics>());

        services.AddSingleton<PersonalDataRegistry>();
        services.AddSingleton<IHemeraCatalogObserver>(sp => sp.GetRequiredService<PersonalDataRegistry>());
        services.AddSingleton<RollbarScrubber>();
        services.AddSingleton<RollbarItemFactory>();
        services.AddSingleton(sp => new RollbarQueue(
            sp.GetRequiredService<IOptions<RollbarOptions>>().Value.QueueCapacity,
            sp.GetRequiredService<AitherMetrics>()));
        services.AddSingleton<RollbarReporter>();
        services.AddSingleton<IErrorReporter>(sp => sp.GetRequiredService<RollbarReporter>());
        services.AddSingleton<ISyncObserver>(sp => sp.GetRequiredService<RollbarReporter>());
        services.AddHttpClient<RollbarClient>()
            .AddResilienceHandler("rollbar", (pipeline, context) =>
                RollbarClient.ConfigureResilience(pipeline, context.ServiceProvider.GetRequiredService<IOptions<RollbarOptions>>().Value));
        services.AddSingleton<RollbarSender>();
        services.AddHostedService(sp => sp.GetRequiredService<RollbarSender>());

        services.AddOptionsWithValidateOnStart<FailureEmailOptions, FailureEmailOptionsValidator>().Bind(configuration);
        services.AddSingleton<FailureNotifier>();
        services.AddSingleton<ISyncObserver>(sp => sp.GetRequiredService<FailureNotifier>());
        services.AddHostedService(sp => sp.GetRequiredService<FailureNotifier>());
        return builder;
    }
}
