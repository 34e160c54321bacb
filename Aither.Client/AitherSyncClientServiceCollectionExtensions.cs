using Aither.Client;
using Aither.Client.Internal;
using Aither.Sync.V1;
using Grpc.Core;
using Grpc.Net.Client.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers <see cref="IAitherSyncClient"/> and the generated <see cref="SyncService.SyncServiceClient"/>, both with
/// the bearer token per call, a default deadline and retries on UNAVAILABLE. Call one overload once per service collection.
/// </summary>
public static class AitherSyncClientServiceCollectionExtensions
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Registers <see cref="IAitherSyncClient"/> configured in code:
    /// <c>services.AddAitherSyncClient(o =&gt; { o.Address = new Uri("http://localhost:5081"); o.AdminToken = "…"; })</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the address and the token (or a token provider), and optionally timeouts and retries.</param>
    /// <returns>The builder of the underlying gRPC client, to add handlers or interceptors.</returns>
    public static IHttpClientBuilder AddAitherSyncClient(this IServiceCollection services, Action<AitherSyncClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddAitherSyncClientCore(builder => builder.Configure(configure));
    }

    /// <summary>
    /// Registers <see cref="IAitherSyncClient"/> with its options bound from the configuration section
    /// <c>AitherSync</c> (<c>AitherSync:Address</c>, <c>AitherSync:AdminToken</c>, <c>AitherSync:CallTimeout</c>, …),
    /// then adjusted by <paramref name="configure"/>, e.g. to set a <see cref="AitherSyncClientOptions.TokenProvider"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration root that holds the <c>AitherSync</c> section.</param>
    /// <param name="configure">Optional adjustments applied after binding.</param>
    /// <returns>The builder of the underlying gRPC client, to add handlers or interceptors.</returns>
    public static IHttpClientBuilder AddAitherSyncClient(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<AitherSyncClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddAitherSyncClientCore(builder =>
        {
            builder.Bind(configuration.GetSection(AitherSyncClientOptions.SectionName));
            if (configure is not null)
            {
                builder.Configure(configure);
            }
        });
    }

    private static IHttpClientBuilder AddAitherSyncClientCore(
        this IServiceCollection services,
        Action<OptionsBuilder<AitherSyncClientOptions>> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(services);
        configureOptions(services.AddOptions<AitherSyncClientOptions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AitherSyncClientOptions>, AitherSyncClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient<IAitherSyncClient, AitherSyncClient>();

        return services
            .AddGrpcClient<SyncService.SyncServiceClient>((provider, client) => client.Address = Options(provider).Address)
            .ConfigureChannel((provider, channel) =>
            {
                var options = Options(provider);
                // Without this, grpc-dotnet silently drops call credentials on a cleartext (h2c) channel.
                channel.UnsafeUseInsecureChannelCallCredentials = options.Address!.Scheme == Uri.UriSchemeHttp;
                channel.ServiceConfig = RetryOnUnavailable(options);
            })
            .AddInterceptor(provider => new DefaultDeadlineInterceptor(Options(provider).CallTimeout))
            .AddCallCredentials(async (context, metadata, provider) =>
            {
                var options = Options(provider);
                var token = options.TokenProvider is { } tokenProvider
                    ? await tokenProvider(context.CancellationToken).ConfigureAwait(false)
                    : options.AdminToken;
                // No token, no header: the service then answers UNAUTHENTICATED, which names the problem.
                if (!string.IsNullOrWhiteSpace(token))
                {
                    metadata.Add("Authorization", $"Bearer {token}");
                }
            });
    }

    // Reading Value runs the validator, so a bad configuration fails when the client is first resolved.
    private static AitherSyncClientOptions Options(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<AitherSyncClientOptions>>().Value;

    private static ServiceConfig? RetryOnUnavailable(AitherSyncClientOptions options)
    {
        if (options.MaxAttempts < 2)
        {
            return null;
        }

        return new ServiceConfig
        {
            MethodConfigs =
            {
                new MethodConfig
                {
                    Names = { MethodName.Default },
                    RetryPolicy = new RetryPolicy
                    {
                        MaxAttempts = options.MaxAttempts,
                        InitialBackoff = options.InitialBackoff,
                        MaxBackoff = options.InitialBackoff > MaxBackoff ? options.InitialBackoff : MaxBackoff,
                        BackoffMultiplier = 2,
                        RetryableStatusCodes = { StatusCode.Unavailable },
                    },
                },
            },
        };
    }
}
