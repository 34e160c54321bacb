using System.Net.Http.Headers;
using Aither.Service.Monitoring;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Aither.Service.Hemera;

public static class HemeraExtensions
{
    /// <summary>
    /// The key of the catalogue that <see cref="ObservedHemeraCatalog"/> reads from; replace this keyed service to
    /// put another source behind the observed <see cref="IHemeraCatalog"/>.
    /// </summary>
    public const string SourceKey = "hemera-source";

    /// <summary>
    /// <see cref="IHemeraCatalog"/>: the Hemera client (typed <see cref="HttpClient"/> with the standard resilience
    /// handler), or, in Development without <c>HEMERA_API_BASE_URL</c>, the built-in sample catalogue. Anywhere
    /// else a missing URL or API key stops start-up. Every caller gets it through <see cref="ObservedHemeraCatalog"/>.
    /// </summary>
    public static IHostApplicationBuilder AddAitherHemera(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<IHemeraCatalog>(sp => new ObservedHemeraCatalog(
            sp.GetRequiredKeyedService<IHemeraCatalog>(SourceKey), sp.GetServices<IHemeraCatalogObserver>()));
        services.AddOptions<HemeraOptions>().Bind(configuration);
        services.AddHostedService<HemeraStartupReporter>();

        if (builder.Environment.IsDevelopment() && string.IsNullOrWhiteSpace(configuration["HEMERA_API_BASE_URL"]))
        {
            services.AddSingleton<SampleHemeraCatalog>();
            services.AddKeyedSingleton<IHemeraCatalog>(SourceKey, (sp, _) => sp.GetRequiredService<SampleHemeraCatalog>());
            return builder;
        }

        // Validated only here: the sample catalogue needs no URL or key.
        services.AddOptionsWithValidateOnStart<HemeraOptions, HemeraOptionsValidator>();

        var client = services.AddHttpClient<HemeraClient>((sp, http) => Configure(http, sp))
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler);
        client.AddStandardResilienceHandler().Configure((resilience, sp) =>
            ConfigureResilience(resilience, sp.GetRequiredService<IOptions<HemeraOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        // Added after the resilience handler, so it runs inside each attempt.
        client.AddHttpMessageHandler(sp => new HemeraBodyLimitHandler(sp.GetRequiredService<IOptions<HemeraOptions>>().Value.MaxResponseBytes));

        services.AddHttpClient(HemeraClient.ProbeClientName, (sp, http) =>
            {
                Configure(http, sp);
                http.Timeout = sp.GetRequiredService<IOptions<HemeraOptions>>().Value.AttemptTimeout;
            })
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler);

        services.AddKeyedTransient<IHemeraCatalog>(SourceKey, (sp, _) => sp.GetRequiredService<HemeraClient>());
        return builder;
    }

    internal static void ConfigureResilience(HttpStandardResilienceOptions resilience, HemeraOptions options, TimeProvider time)
    {
        resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
        resilience.TotalRequestTimeout.Timeout = options.TotalTimeout;

        var retry = resilience.Retry;
        retry.MaxRetryAttempts = Math.Max(options.MaxRetries, 1);
        retry.BackoffType = Polly.DelayBackoffType.Exponential;
        retry.UseJitter = true;
        retry.Delay = options.RetryBaseDelay;
        retry.MaxDelay = TimeSpan.FromSeconds(30);
        // Network errors, timeouts, 408, 429 and 5xx; any other status is final and reported at once.
        retry.ShouldHandle = options.MaxRetries == 0
            ? _ => ValueTask.FromResult(false)
            : args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome));
        // Retry-After (429, and 503 if Hemera ever sends it) wins over the backoff, up to the cap.
        var cap = options.RetryAfterCap;
        retry.DelayGenerator = args => ValueTask.FromResult(
            args.Outcome.Result is { } response ? HemeraRetryAfter.GetDelay(response, time, cap) : null);

        // The standard handler's circuit breaker must sample at least two attempt timeouts.
        var minimumSampling = options.AttemptTimeout * 2;
        if (resilience.CircuitBreaker.SamplingDuration < minimumSampling)
        {
            resilience.CircuitBreaker.SamplingDuration = minimumSampling;
        }
    }

    private static void Configure(HttpClient http, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<HemeraOptions>>().Value;
        http.BaseAddress = options.BaseUri;
        // The resilience handler's total timeout is the budget; HttpClient's own 100 s default would cut it short.
        http.Timeout = Timeout.InfiniteTimeSpan;
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        http.DefaultRequestHeaders.Add("X-API-Key", options.ApiKey);
    }

    // Handlers live on in typed clients held by singletons; recycling pooled connections keeps DNS changes visible.
    private static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.All,
        UseCookies = false,
        AllowAutoRedirect = false,
    };
}
