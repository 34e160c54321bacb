using System.Text.Json;
using Aither.Service.Api.Rest;
using Aither.Service.Scheduling;
using Grpc.AspNetCore.HealthChecks;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aither.Service.Health;

public static class HealthExtensions
{
    public const string ReadyTag = "ready";
    public const string SyncServiceName = "aither.sync.v1.SyncService";

    /// <summary>Readiness checks (output directory writable, Hemera reachable, state store writable or reachable), also behind the gRPC health service.</summary>
    public static IHostApplicationBuilder AddAitherHealth(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OutputDirectoryHealthCheck>();
        services.AddSingleton<HemeraHealthCheck>();
        services.AddSingleton<StateStoreHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<OutputDirectoryHealthCheck>("output-directory", tags: [ReadyTag])
            .AddCheck<HemeraHealthCheck>("hemera", tags: [ReadyTag])
            .AddCheck<StateStoreHealthCheck>("state-store", tags: [ReadyTag]);
        services.Configure<GrpcHealthChecksOptions>(options =>
        {
            options.Services.Map("", registration => registration.Tags.Contains(ReadyTag, StringComparer.Ordinal));
            options.Services.Map(SyncServiceName, registration => registration.Tags.Contains(ReadyTag, StringComparer.Ordinal));
        });
        return builder;
    }

    /// <summary>
    /// <c>/healthz</c>: the process serves requests (no checks). <c>/readyz</c>: the readiness checks.
    /// Anonymous, and the answer is only the overall status: details stay in the log.
    /// </summary>
    public static WebApplication MapAitherHealth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteStatusAsync })
            .AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReadinessAsync,
        }).AllowAnonymous();
        return app;
    }

    private static Task WriteStatusAsync(HttpContext context, HealthReport report) =>
        WriteAsync(context, new { status = report.Status.ToString() });

    /// <summary>Readiness adds when the built-in schedule fires next (nothing secret in it).</summary>
    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        var scheduler = context.RequestServices.GetService<SyncScheduler>();
        var next = scheduler?.NextOccurrence;
        return WriteAsync(context, new
        {
            status = report.Status.ToString(),
            schedule = new
            {
                enabled = scheduler?.Enabled ?? false,
                nextOccurrence = next is { } time ? RestContract.FormatTime(time) : null,
            },
        });
    }

    private static Task WriteAsync<T>(HttpContext context, T body)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
