using System.Reflection;
using Aither.Service.Monitoring;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Aither.Service.Observability;

public static class TelemetryExtensions
{
    /// <summary>
    /// Traces (ASP.NET Core, HttpClient, one span per sync) and metrics (the <c>Aither.Sync</c> meter, ASP.NET Core,
    /// HttpClient) over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; without it nothing is registered.
    /// </summary>
    public static IHostApplicationBuilder AddAitherTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptionsWithValidateOnStart<TelemetryOptions, TelemetryOptionsValidator>().Bind(builder.Configuration);

        var options = builder.Configuration.Get<TelemetryOptions>() ?? new TelemetryOptions();
        // An invalid endpoint stops start-up through the validator, with one line naming the variable.
        if (!options.Enabled || !TelemetryOptionsValidator.IsHttpUrl(options.Endpoint)
            || options.Protocol is not (TelemetryOptions.Grpc or TelemetryOptions.HttpProtobuf))
        {
            return builder;
        }

        AddOpenTelemetry(builder.Services, options);
        return builder;
    }

    // A method of its own: its lambdas' closure names OpenTelemetry's types, and creating it at the top of
    // AddAitherTelemetry loaded the OpenTelemetry assemblies at every start, also without an endpoint.
    private static void AddOpenTelemetry(IServiceCollection services, TelemetryOptions options)
    {
        var protocol = options.Protocol == TelemetryOptions.HttpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        var version = typeof(TelemetryExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName, serviceVersion: version))
            .WithTracing(tracing => tracing
                .AddSource(AitherActivitySource.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(otlp =>
                {
                    otlp.Endpoint = options.SignalEndpoint("traces");
                    otlp.Protocol = protocol;
                }))
            .WithMetrics(metrics => metrics
                .AddMeter(AitherMetrics.MeterName)
                // Hemera's retries and timeouts are counted by the resilience pipeline's own meter.
                .AddMeter("Polly")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(otlp =>
                {
                    otlp.Endpoint = options.SignalEndpoint("metrics");
                    otlp.Protocol = protocol;
                }));
    }
}
