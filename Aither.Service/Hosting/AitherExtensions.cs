using Aither.Service.Api;
using Aither.Service.Auth;
using Aither.Service.Health;
using Aither.Service.Hemera;
using Aither.Service.Monitoring;
using Aither.Service.Observability;
using Aither.Service.Output;
using Aither.Service.Rendering;
using Aither.Service.Room;
using Aither.Service.Scheduling;
using Aither.Service.State;
using Aither.Service.Sync;

namespace Aither.Service.Hosting;

/// <summary>
/// The composition root: every concern adds itself from the builder. The calls can come in any order; what
/// used to depend on order is explicit now (catalogue observers, the Rollbar flush after every other hosted
/// service has stopped, the schedule stopping before the coordinator).
/// </summary>
public static class AitherExtensions
{
    public static IHostApplicationBuilder AddAither(this IHostApplicationBuilder builder)
    {
        builder.AddAitherObservability();
        builder.AddAitherApi();
        builder.AddAitherAuth();
        builder.AddAitherHealth();
        builder.AddAitherMonitoring();
        builder.AddAitherSync();
        builder.AddAitherState();
        builder.AddAitherScheduling();
        builder.AddAitherHemera();
        builder.AddAitherRendering();
        builder.AddAitherOutput();
        builder.AddAitherRoom();
        return builder;
    }

    /// <summary>Middleware and endpoints: the sync API (gRPC and REST), the health probes, the room page.</summary>
    public static WebApplication MapAither(this WebApplication app)
    {
        app.MapAitherApi();
        app.MapAitherHealth();
        app.MapAitherRoom();
        return app;
    }
}
