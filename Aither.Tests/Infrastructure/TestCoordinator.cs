using Aither.Service.Sync;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aither.Tests.Infrastructure;

/// <summary>A real <see cref="SyncCoordinator"/> outside a host, for unit tests.</summary>
public static class TestCoordinator
{
    public static SyncCoordinator Create(ISyncPipeline pipeline, TimeProvider time, SyncOptions? options = null, params ISyncObserver[] observers) => new(
        pipeline,
        new SyncEvents(observers, NullLogger<SyncEvents>.Instance),
        time,
        Options.Create(options ?? new SyncOptions()),
        NullLogger<SyncCoordinator>.Instance);
}
