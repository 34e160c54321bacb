namespace Aither.Service.Observability;

/// <summary>OpenTelemetry export. Bound from the standard OpenTelemetry environment variables named on each property.</summary>
public sealed class TelemetryOptions
{
    public const string Grpc = "grpc";
    public const string HttpProtobuf = "http/protobuf";

    /// <summary>The collector's OTLP base URL, e.g. <c>http://localhost:4317</c> (gRPC) or <c>http://localhost:4318</c> (HTTP); unset turns export off.</summary>
    [ConfigurationKeyName("OTEL_EXPORTER_OTLP_ENDPOINT")]
    public string? Endpoint { get; set; }

    /// <summary><c>grpc</c> or <c>http/protobuf</c>.</summary>
    [ConfigurationKeyName("OTEL_EXPORTER_OTLP_PROTOCOL")]
    public string Protocol { get; set; } = Grpc;

    /// <summary>The <c>service.name</c> resource attribute.</summary>
    [ConfigurationKeyName("OTEL_SERVICE_NAME")]
    public string ServiceName { get; set; } = "aither";

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);

    /// <summary>
    /// Where one signal (<c>traces</c>, <c>metrics</c>) goes: OTLP/HTTP appends <c>/v1/&lt;signal&gt;</c> to the base
    /// URL (as the OpenTelemetry specification says for the environment variable), gRPC uses it as it is.
    /// </summary>
    public Uri SignalEndpoint(string signal) => Protocol == HttpProtobuf
        ? new Uri(Endpoint!.TrimEnd('/') + "/v1/" + signal)
        : new Uri(Endpoint!);
}
