using Google.Protobuf.Reflection;
using Google.Rpc;
using Aither.Service.Api;
using Aither.Service.Api.Rest;

namespace Microsoft.Extensions.DependencyInjection;

public static class ApiServiceCollectionExtensions
{
    /// <summary>gRPC with JSON transcoding, server reflection and the gRPC health service.</summary>
    public static IServiceCollection AddAitherApi(this IServiceCollection services)
    {
        services.AddGrpc(o =>
            {
                o.Interceptors.Add<ApiCallRecorderInterceptor>();
                // Unknown paths fall through to routing, so /api/sync with another verb gets 405 and unknown /api paths 404.
                o.IgnoreUnknownServices = true;
            })
            .AddJsonTranscoding(o => o.TypeRegistry = TypeRegistry.FromMessages(ErrorInfo.Descriptor));
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks();
        return services;
    }
}

public static class ApiEndpointRouteBuilderExtensions
{
    /// <summary>The request-id and REST-envelope middleware, auth, and the gRPC endpoints (served as REST too).</summary>
    public static WebApplication MapAitherApi(this WebApplication app)
    {
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
