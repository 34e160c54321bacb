using Aither.Service.Hemera;
using Aither.Service.Monitoring;
using Aither.Service.Sync;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class MonitoringServiceCollectionExtensions
{
    /// <summary>
    /// Rollbar items (sync.completed, corrupted manifest, errors, auth failures), the Aither.Sync meter and the
    /// personal-data guard. Register before <c>AddAitherSyncCoordinator</c>: hosted services stop in reverse
    /// order, and the Rollbar sender must outlive the coordinator to flush its last sync.completed.
    /// </summary>
    public static IServiceCollection AddAitherMonitoring(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        services.AddOptions<RollbarOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RollbarOptions>, RollbarOptionsValidator>();
        services.AddOptions<MonitoringSecrets>().Bind(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();

        services.AddSingleton<AitherMetrics>();
        services.AddSingleton<ISyncObserver>(sp => sp.GetRequiredService<AitherMetrics>());

        services.AddSingleton<PersonalDataRegistry>();
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

        services.AddOptions<FailureEmailOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FailureEmailOptions>, FailureEmailOptionsValidator>();
        services.AddSingleton<FailureNotifier>();
        services.AddSingleton<ISyncObserver>(sp => sp.GetRequiredService<FailureNotifier>());
        services.AddHostedService(sp => sp.GetRequiredService<FailureNotifier>());

        // Last registration wins over the default that AddAuthorization registers with TryAdd.
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthFailureReporter>();

        services.AddAitherHealth();
        services.AddAitherPersonalDataGuard();
        return services;
    }

    /// <summary>
    /// Wraps the registered <see cref="IHemeraCatalog"/> so that every participant it returns is known to the
    /// Rollbar scrubber. Called by <see cref="AddAitherMonitoring"/>; call it again after replacing the catalogue.
    /// </summary>
    public static IServiceCollection AddAitherPersonalDataGuard(this IServiceCollection services)
    {
        var descriptor = services.LastOrDefault(d => d.ServiceType == typeof(IHemeraCatalog) && !d.IsKeyedService);
        if (descriptor is null || descriptor.ImplementationFactory?.Target is CatalogDecorator)
        {
            return services;
        }

        services.Remove(descriptor);
        services.Add(ServiceDescriptor.Describe(typeof(IHemeraCatalog), new CatalogDecorator(descriptor).Create, descriptor.Lifetime));
        return services;
    }

    private sealed class CatalogDecorator(ServiceDescriptor inner)
    {
        public object Create(IServiceProvider services)
        {
            var catalog = (IHemeraCatalog)(inner.ImplementationInstance
                ?? inner.ImplementationFactory?.Invoke(services)
                ?? ActivatorUtilities.CreateInstance(services, inner.ImplementationType!));
            return new PersonalDataRecordingCatalog(catalog, services.GetRequiredService<PersonalDataRegistry>());
        }
    }
}
