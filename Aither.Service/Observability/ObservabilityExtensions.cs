namespace Aither.Service.Observability;

public static class ObservabilityExtensions
{
    /// <summary>Console logs, and OpenTelemetry export over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
    public static IHostApplicationBuilder AddAitherObservability(this IHostApplicationBuilder builder)
    {
        builder.AddAitherLogging();
        builder.AddAitherTelemetry();
        return builder;
    }
}
