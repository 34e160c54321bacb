using Google.Protobuf.Reflection;
using Google.Rpc;
using Aither.Service.Api.Rest;

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
            .AddJsonTranscoding(o => o.TypeRegistry = TypeRegistry.FromMessages(ErrorInfo.Descriptor));
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks();
        return builder;
    }

    /// <summary>The request-id and REST-envelope middleware, auth, and the gRPC endpoints (served as REST too).</summary>
    public static WebApplication MapAitherApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<ApiEnvelopeMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapGrpcService<SyncGrpcService>();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        return app;
    }
}
