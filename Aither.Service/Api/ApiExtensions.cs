using Google.Protobuf.Reflection;
using Google.Rpc;
using Aither.Service.Api.Rest;
using Aither.Service.Auth;

namespace Aither.Service.Api;

public static class ApiExtensions
{
    /// <summary>gRPC with JSON transcoding, server reflection and the gRPC health service.</summary>
    public static IHostApplicationBuilder AddAitherApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddGrpc(o =>
            {
                o.Interceptors.Add<ApiCallRecorderInterceptor>();
                // Unknown paths fall through to routing, so /api/sync with another verb gets 405 and unknown /api paths 404.
                o.IgnoreUnknownServices = true;
            })
            .AddJsonTranscoding(o => o.TypeRegistry = TypeRegistry.FromMessages(ErrorInfo.Descriptor, RetryInfo.Descriptor));
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks();
        return builder;
    }

    /// <summary>
    /// The request-id, REST-envelope and body-limit middleware, auth with its failed-authentication limit, and
    /// the gRPC endpoints (served as REST too).
    /// </summary>
    public static WebApplication MapAitherApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<ApiEnvelopeMiddleware>();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseFailedAuthenticationLimit();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapGrpcService<SyncGrpcService>().LimitFailedAuthentication(FailedAuthenticationLimitPolicies.Api);
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        return app;
    }
}
