using Microsoft.Extensions.Options;

namespace Aither.Service.Observability;

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        if (options.Enabled && !IsHttpUrl(options.Endpoint))
        {
            failures.Add($"OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http(s) URL, got '{options.Endpoint}'.");
        }

        if (options.Protocol is not (TelemetryOptions.Grpc or TelemetryOptions.HttpProtobuf))
        {
            failures.Add($"OTEL_EXPORTER_OTLP_PROTOCOL must be grpc or http/protobuf, got '{options.Protocol}'.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            failures.Add("OTEL_SERVICE_NAME must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
