using Aither.Client;
using Aither.Service.Sync;
using Aither.Sync.V1;
using Aither.Tests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Aither.Tests.Client;

/// <summary>The client against the real service on Kestrel (h2c), with the test driving the pipeline.</summary>
public sealed class AitherSyncClientTests : IAsyncLifetime
{
    private readonly AitherFactory _factory;
    private readonly ServerCallHook _hook = new();
    private readonly List<ServiceProvider> _clients = [];

    public AitherSyncClientTests(ITestOutputHelper output)
    {
        _factory = new AitherFactory().WithOutput(output).UseRealKestrel();
        _factory.ConfigureServices = services =>
        {
            services.AddSingleton(_hook);
            services.AddGrpc(o => o.Interceptors.Add<ServerCallHook>());
        };
    }

    /// <summary>The service's gRPC address; the service starts when a test first asks for it (the tests of option validation never do).</summary>
    private Uri GrpcAddress
    {
        get
        {
            _factory.StartServer();
            return _factory.GrpcAddress!;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _hook.Release();
        _factory.Pipeline.Succeed();
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task StartSyncAsync_NoSyncRunning_ReturnsStartedJob()
    {
        var client = CreateClient();

        var start = await client.StartSyncAsync().Guarded();

        Assert.True(start.IsStarted);
        Assert.Equal(AitherSyncStartOutcome.Started, start.Outcome);
        Assert.Matches("^sync-[0-9]+$", start.JobId);
        var running = await _factory.Pipeline.Started.Guarded();
        Assert.Equal(running.JobId, start.JobId);
        Assert.Equal(_factory.Coordinator.Latest!.StartTime, start.StartTime);
    }

    [Fact]
    public async Task StartSyncAsync_SyncRunning_ReturnsAlreadyRunning()
    {
        var client = CreateClient();
        var first = await client.StartSyncAsync().Guarded();
        await _factory.Pipeline.Started.Guarded();

        var second = await client.StartSyncAsync(force: true).Guarded();

        Assert.True(second.IsAlreadyRunning);
        Assert.Equal(AitherSyncStartOutcome.AlreadyRunning, second.Outcome);
        Assert.Equal(first.JobId, second.JobId);
        Assert.Equal(1, _factory.Pipeline.Runs);
    }

    [Fact]
    public async Task GetStatusAsync_NoSyncRun_ReturnsNull()
    {
        var client = CreateClient();

        var job = await client.GetStatusAsync().Guarded();

        Assert.Null(job);
    }

    [Fact]
    public async Task GetStatusAsync_SyncRunning_ReturnsRunningJob()
    {
        var client = CreateClient();
        var start = await client.StartSyncAsync().Guarded();
        var run = await _factory.Pipeline.Started.Guarded();
        run.ReportCourse("course-7");

        var job = await client.GetStatusAsync().Guarded();

        Assert.NotNull(job);
        Assert.Equal(start.JobId, job.JobId);
        Assert.Equal(AitherSyncStatus.Running, job.Status);
        Assert.True(job.IsRunning);
        Assert.Equal("course-7", job.CourseId);
        Assert.Null(job.EndTime);
        Assert.Null(job.Duration);
        Assert.Empty(job.Errors);
    }

    [Fact]
    public async Task WaitForCompletionAsync_SyncSucceeds_ReturnsSuccessfulJob()
    {
        var client = CreateClient(o => o.PollInterval = TimeSpan.FromMilliseconds(20));
        var start = await client.StartSyncAsync().Guarded();
        await _factory.Pipeline.Started.Guarded();
        var wait = client.WaitForCompletionAsync(start.JobId!);

        _factory.Pipeline.Succeed(run =>
        {
            run.ReportCourse("course-42");
            run.ReportParticipantsFetched(12);
            run.ReportFileGenerated();
            run.ReportFileSkipped();
        });
        var job = await wait.Guarded();

        Assert.Equal(start.JobId, job.JobId);
        Assert.Equal(AitherSyncStatus.Success, job.Status);
        Assert.True(job.Succeeded);
        Assert.Equal("course-42", job.CourseId);
        Assert.Equal(12, job.ParticipantsFetched);
        Assert.Equal(1, job.FilesGenerated);
        Assert.Equal(1, job.FilesSkipped);
        Assert.NotNull(job.EndTime);
        Assert.NotNull(job.Duration);
        Assert.Empty(job.Errors);
    }

    [Fact]
    public async Task WaitForCompletionAsync_SyncFails_ReturnsFailedJobWithErrors()
    {
        var client = CreateClient(o => o.PollInterval = TimeSpan.FromMilliseconds(20));
        var start = await client.StartSyncAsync().Guarded();
        await _factory.Pipeline.Started.Guarded();
        var wait = client.WaitForCompletionAsync(start.JobId!);

        _factory.Pipeline.Fail("hemera.courses", "Hemera answered 503");
        var job = await wait.Guarded();

        Assert.Equal(AitherSyncStatus.Failed, job.Status);
        Assert.True(job.IsFinished);
        Assert.False(job.Succeeded);
        var error = Assert.Single(job.Errors);
        Assert.Equal("hemera.courses", error.Entity);
        Assert.Equal("Hemera answered 503", error.Message);
        Assert.NotEqual(default, error.Timestamp);
    }

    [Fact]
    public async Task WaitForCompletionAsync_NewerJobStartedMeanwhile_ReturnsItsOwnOutcome()
    {
        var client = CreateClient(o => o.PollInterval = TimeSpan.FromMilliseconds(20));
        var first = await client.StartSyncAsync().Guarded();
        await _factory.Pipeline.Started.Guarded();
        _factory.Pipeline.Fail("hemera.courses", "Hemera answered 503");
        await _factory.Coordinator.WhenIdleAsync().Guarded();
        var second = await client.StartSyncAsync().Guarded();
        Assert.True(second.IsStarted);

        var job = await client.WaitForCompletionAsync(first.JobId!).Guarded();

        Assert.Equal(first.JobId, job.JobId);
        Assert.Equal(AitherSyncStatus.Failed, job.Status);
        Assert.Equal("hemera.courses", Assert.Single(job.Errors).Entity);
    }

    [Fact]
    public async Task WaitForCompletionAsync_JobNotRecorded_ThrowsAitherJobReplacedException()
    {
        var client = CreateClient();

        var ex = await Assert.ThrowsAsync<AitherJobReplacedException>(() => client.WaitForCompletionAsync("sync-1").Guarded());

        Assert.Equal("sync-1", ex.JobId);
        Assert.Null(ex.CurrentJob);
        Assert.Contains("sync-1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetJobAsync_RecordedAndUnknown_ReturnsTheJobOrNull()
    {
        var client = CreateClient();
        var start = await client.StartSyncAsync(force: true).Guarded();
        await _factory.Pipeline.Started.Guarded();

        var running = await client.GetJobAsync(start.JobId!).Guarded();
        _factory.Pipeline.Succeed(run => run.ReportCourse("course-9"));
        await _factory.Coordinator.WhenIdleAsync().Guarded();
        var finished = await client.GetJobAsync(start.JobId!).Guarded();

        Assert.Equal(AitherSyncStatus.Running, running!.Status);
        Assert.Equal(AitherSyncStatus.Success, finished!.Status);
        Assert.Equal("course-9", finished.CourseId);
        Assert.Null(await client.GetJobAsync("sync-42").Guarded());
    }

    [Fact]
    public async Task ListJobsAsync_MorePagesThanOne_YieldsEveryJobNewestFirst()
    {
        var client = CreateClient();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            _factory.Pipeline.Succeed();
            ids.Add((await client.StartSyncAsync().Guarded()).JobId!);
            await _factory.Coordinator.WhenIdleAsync().Guarded();
        }

        var listed = new List<string>();
        await foreach (var job in client.ListJobsAsync(pageSize: 2))
        {
            listed.Add(job.JobId);
        }

        Assert.Equal(Enumerable.Reverse(ids), listed);
    }

    [Fact]
    public async Task WaitForCompletionAsync_SyncRunning_FollowsTheStreamWithoutPolling()
    {
        var client = CreateClient(o => o.PollInterval = TimeSpan.FromMilliseconds(20));
        var start = await client.StartSyncAsync().Guarded();
        await _factory.Pipeline.Started.Guarded();
        var wait = client.WaitForCompletionAsync(start.JobId!);

        // The watch has sent the running job; only then does the sync go on.
        await _hook.Handled(2).Guarded();
        _factory.Pipeline.Succeed(run => run.ReportParticipantsFetched(3));
        var job = await wait.Guarded();

        Assert.Equal(AitherSyncStatus.Success, job.Status);
        Assert.Equal(3, job.ParticipantsFetched);
        Assert.Equal(1, _hook.Streams);
        // StartSync only: no GetSyncJob poll.
        Assert.Equal(1, _hook.Calls);
    }

    [Fact]
    public async Task WatchAsync_RunningSync_YieldsEachStepThenTheFinalStateAndEnds()
    {
        var client = CreateClient();
        var start = await client.StartSyncAsync().Guarded();
        await _factory.Pipeline.Started.Guarded();
        var events = new List<AitherSyncEvent>();

        await foreach (var change in client.WatchAsync(start.JobId).WithCancellation(new CancellationTokenSource(TestTimeouts.Guard).Token))
        {
            events.Add(change);
            if (events.Count == 1)
            {
                _factory.Pipeline.Succeed(run =>
                {
                    run.ReportPhase(SyncJobPhase.FetchingCourses);
                    run.ReportCoursePagesFetched(1);
                    run.ReportPhase(SyncJobPhase.FetchingDetail);
                    run.ReportParticipantsFetched(5);
                    run.ReportPhase(SyncJobPhase.Rendering);
                    run.ReportPhase(SyncJobPhase.Writing);
                });
            }
        }

        Assert.Equal(
            [AitherSyncPhase.Unknown, AitherSyncPhase.FetchingCourses, AitherSyncPhase.FetchingCourses, AitherSyncPhase.FetchingDetail,
             AitherSyncPhase.FetchingDetail, AitherSyncPhase.Rendering, AitherSyncPhase.Writing, AitherSyncPhase.Writing],
            events.Select(e => e.Progress.Phase));
        Assert.Equal([0, 0, 1, 1, 1, 1, 1, 1], events.Select(e => e.Progress.CoursePagesFetched));
        Assert.All(events[..^1], e => Assert.False(e.IsFinal));
        Assert.True(events[^1].IsFinal);
        Assert.Equal(AitherSyncStatus.Success, events[^1].Job.Status);
        Assert.Equal(5, events[^1].Job.ParticipantsFetched);
        Assert.Equal((await client.GetJobAsync(start.JobId!).Guarded())! with { Errors = [] }, events[^1].Job with { Errors = [] });
    }

    [Fact]
    public async Task WatchAsync_UnknownJobOrNoSyncYet_ThrowsJobReplacedOrYieldsNothing()
    {
        var client = CreateClient();

        var ex = await Assert.ThrowsAsync<AitherJobReplacedException>(async () =>
        {
            await foreach (var _ in client.WatchAsync("sync-42"))
            {
            }
        }).Guarded();
        var latest = new List<AitherSyncEvent>();
        await foreach (var change in client.WatchAsync())
        {
            latest.Add(change);
        }

        Assert.Equal("sync-42", ex.JobId);
        Assert.Empty(latest);
    }

    [Fact]
    public async Task WaitForCompletionAsync_ServiceWithoutWatchSync_PollsOnTheInjectedTimeProvider()
    {
        _hook.RefuseStreams = true;
        var time = new SignallingTimeProvider();
        var client = CreateClient(services: s => s.AddSingleton<TimeProvider>(time));
        var start = await client.StartSyncAsync().Guarded();
        await _factory.Pipeline.Started.Guarded();
        var wait = client.WaitForCompletionAsync(start.JobId!, TimeSpan.FromMinutes(5));

        // The first poll saw the job running and now waits on the fake clock, not on a real one.
        await time.TimerCreated.Guarded();
        _factory.Pipeline.Succeed();
        await _factory.Coordinator.WhenIdleAsync().Guarded();
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(5));
        var job = await wait.Guarded();

        Assert.Equal(AitherSyncStatus.Success, job.Status);
        Assert.Equal(1, _hook.Streams);
        Assert.True(_hook.Calls >= 3, $"{_hook.Calls} unary calls: a start and at least two polls");
    }

    [Fact]
    public async Task RunSyncAsync_ServiceWithoutWatchSync_FallsBackToPolling()
    {
        _hook.RefuseStreams = true;
        var client = CreateClient(o => o.PollInterval = TimeSpan.FromMilliseconds(20));

        var run = client.RunSyncAsync();
        await _hook.Handled(2).Guarded();
        _factory.Pipeline.Succeed();
        var job = await run.Guarded();

        Assert.Equal(AitherSyncStatus.Success, job.Status);
        Assert.Equal(1, _hook.Streams);
    }

    [Fact]
    public async Task RunSyncAsync_NoSyncRunning_StartsAndReturnsFinishedJob()
    {
        var client = CreateClient(o => o.PollInterval = TimeSpan.FromMilliseconds(20));

        var run = client.RunSyncAsync(force: true);
        var started = await _factory.Pipeline.Started.Guarded();
        Assert.True(started.Force);
        _factory.Pipeline.Succeed();
        var job = await run.Guarded();

        Assert.Equal(started.JobId, job.JobId);
        Assert.Equal(AitherSyncStatus.Success, job.Status);
    }

    [Fact]
    public async Task RunSyncAsync_SyncRunning_JoinsItInsteadOfStartingAnother()
    {
        var client = CreateClient(o => o.PollInterval = TimeSpan.FromMilliseconds(20));
        var running = await _factory.Coordinator.TryStartAsync(force: false);
        await _factory.Pipeline.Started.Guarded();

        var run = client.RunSyncAsync();
        // Joined: the start was refused (naming the running job) and the watch has sent that job.
        await _hook.Handled(1).Guarded();
        _factory.Pipeline.Fail("render", "template broken");
        var job = await run.Guarded();

        Assert.Equal(running.Job.JobId, job.JobId);
        Assert.Equal(AitherSyncStatus.Failed, job.Status);
        Assert.Equal(1, _factory.Pipeline.Runs);
    }

    [Fact]
    public async Task Calls_WrongToken_ThrowAitherAuthenticationException()
    {
        var client = CreateClient(o => o.AdminToken = "not-the-admin-token");

        var ex = await Assert.ThrowsAsync<AitherAuthenticationException>(() => client.StartSyncAsync().Guarded());

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        // The service's own status with its ErrorInfo, not one the client guessed from an HTTP 401.
        Assert.Equal("UNAUTHENTICATED", ex.Reason);
        Assert.IsAssignableFrom<AitherClientException>(ex);
        Assert.DoesNotContain("not-the-admin-token", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _factory.Pipeline.Runs);
    }

    [Fact]
    public async Task Calls_PermissionDenied_ThrowAitherPermissionDeniedExceptionWithReason()
    {
        _hook.FailWith = ServiceError(Code.PermissionDenied, "ADMIN_ROLE_REQUIRED", "The admin role is required");
        var client = CreateClient();

        var ex = await Assert.ThrowsAsync<AitherPermissionDeniedException>(() => client.GetStatusAsync().Guarded());

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Equal("ADMIN_ROLE_REQUIRED", ex.Reason);
    }

    [Fact]
    public async Task Calls_OtherServiceError_ThrowAitherClientExceptionWithStatusAndReason()
    {
        _hook.FailWith = ServiceError(Code.Internal, "INTERNAL", "An unexpected error occurred");
        var client = CreateClient();

        var ex = await Assert.ThrowsAsync<AitherClientException>(() => client.StartSyncAsync().Guarded());

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.Equal("INTERNAL", ex.Reason);
        Assert.Contains("An unexpected error occurred", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_TokenProvider_AsksForTheTokenOnEveryCall()
    {
        var asked = 0;
        var client = CreateClient(o =>
        {
            o.AdminToken = null;
            o.TokenProvider = _ =>
            {
                Interlocked.Increment(ref asked);
                return ValueTask.FromResult(AitherFactory.AdminToken);
            };
        });

        Assert.Null(await client.GetStatusAsync().Guarded());
        Assert.True((await client.StartSyncAsync().Guarded()).IsStarted);

        Assert.Equal(2, asked);
    }

    [Fact]
    public async Task GetStatusAsync_ServiceSlowerThanCallTimeout_ThrowsAitherTimeoutException()
    {
        _hook.Hold = true;
        var client = CreateClient(o => o.CallTimeout = TimeSpan.FromMilliseconds(200));

        var ex = await Assert.ThrowsAsync<AitherTimeoutException>(() => client.GetStatusAsync().Guarded());

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.Equal(TimeSpan.FromMilliseconds(200), ex.Timeout);
        Assert.Contains("CallTimeout", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStatusAsync_CallerCancels_ThrowsOperationCanceledException()
    {
        _hook.Hold = true;
        var client = CreateClient();
        using var cancel = new CancellationTokenSource();

        var call = client.GetStatusAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.Guarded());
    }

    [Fact]
    public async Task StartSyncAsync_NothingListening_ThrowsAitherUnavailableExceptionNamingTheAddress()
    {
        var nowhere = new Uri($"http://127.0.0.1:{LoopbackPorts.Next()}");
        var client = CreateClient(o =>
        {
            o.Address = nowhere;
            o.InitialBackoff = TimeSpan.FromMilliseconds(20);
        });

        var ex = await Assert.ThrowsAsync<AitherUnavailableException>(() => client.StartSyncAsync().Guarded());

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal(nowhere, ex.Address);
        Assert.Contains(nowhere.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Contains("4 attempt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartSyncAsync_FirstAttemptsUnavailable_IsRetriedAndStarts()
    {
        _hook.RefuseBefore = 2;
        var client = CreateClient();

        var start = await client.StartSyncAsync().Guarded();

        Assert.True(start.IsStarted);
        Assert.Equal(start.JobId, (await _factory.Pipeline.Started.Guarded()).JobId);
        Assert.Equal(3, _hook.Calls);
        Assert.Equal(1, _factory.Pipeline.Runs);
    }

    [Fact]
    public async Task StartSyncAsync_ResponseLostAfterTheSyncStarted_RetryReturnsAlreadyRunning()
    {
        _hook.LoseResponses = 1;
        var client = CreateClient();

        var start = await client.StartSyncAsync().Guarded();

        Assert.True(start.IsAlreadyRunning);
        await _factory.Pipeline.Started.Guarded();
        Assert.Equal(2, _hook.Calls);
        Assert.Equal(1, _factory.Pipeline.Runs);
    }

    [Fact]
    public async Task StartSyncAsync_ServiceStaysUnavailable_StopsAfterMaxAttempts()
    {
        _hook.RefuseBefore = int.MaxValue;
        var client = CreateClient(o => o.MaxAttempts = 2);

        var ex = await Assert.ThrowsAsync<AitherUnavailableException>(() => client.StartSyncAsync().Guarded());

        Assert.Equal(2, _hook.Calls);
        Assert.Equal(GrpcAddress, ex.Address);
        Assert.Equal(0, _factory.Pipeline.Runs);
    }

    [Fact]
    public async Task AddAitherSyncClient_FromConfiguration_BindsTheAitherSyncSection()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AitherSync:Address"] = GrpcAddress.ToString(),
                ["AitherSync:AdminToken"] = AitherFactory.AdminToken,
                ["AitherSync:CallTimeout"] = "00:00:07",
                ["AitherSync:PollInterval"] = "00:00:00.250",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddAitherSyncClient(configuration);
        var provider = Track(services.BuildServiceProvider());

        var options = provider.GetRequiredService<IOptions<AitherSyncClientOptions>>().Value;
        var job = await provider.GetRequiredService<IAitherSyncClient>().GetStatusAsync().Guarded();

        Assert.Equal(GrpcAddress, options.Address);
        Assert.Equal(TimeSpan.FromSeconds(7), options.CallTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.PollInterval);
        Assert.Null(job);
    }

    [Fact]
    public async Task GeneratedClient_Resolved_CarriesTokenAndAddress()
    {
        var services = new ServiceCollection();
        services.AddAitherSyncClient(o =>
        {
            o.Address = GrpcAddress;
            o.AdminToken = AitherFactory.AdminToken;
        });
        var provider = Track(services.BuildServiceProvider());
        var grpc = provider.GetRequiredService<SyncService.SyncServiceClient>();

        var response = await grpc.StartSyncAsync(new StartSyncRequest()).ResponseAsync.Guarded();

        Assert.Equal(SyncStatus.Running, response.Status);
    }

    [Fact]
    public void Resolve_AddressMissing_ThrowsNamingTheAddress()
    {
        var services = new ServiceCollection();
        services.AddAitherSyncClient(o => o.AdminToken = "secret-token-value");
        var provider = Track(services.BuildServiceProvider());

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IAitherSyncClient>());

        Assert.Contains("AitherSync:Address", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AdminToken", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token-value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_TokenMissing_ThrowsNamingTheToken()
    {
        var services = new ServiceCollection();
        services.AddAitherSyncClient(o => o.Address = new Uri("http://localhost:5081"));
        var provider = Track(services.BuildServiceProvider());

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IAitherSyncClient>());

        Assert.Contains("AitherSync:AdminToken", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AitherSync:Address", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_RelativeAddressAndZeroTimeout_ThrowsNamingBoth()
    {
        var services = new ServiceCollection();
        services.AddAitherSyncClient(o =>
        {
            o.Address = new Uri("/sync", UriKind.Relative);
            o.AdminToken = "t";
            o.CallTimeout = TimeSpan.Zero;
        });
        var provider = Track(services.BuildServiceProvider());

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IAitherSyncClient>());

        Assert.Contains("AitherSync:Address '/sync'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AitherSync:CallTimeout", ex.Message, StringComparison.Ordinal);
    }

    private static RpcException ServiceError(Code code, string reason, string message) =>
        new Google.Rpc.Status
        {
            Code = (int)code,
            Message = message,
            Details = { Any.Pack(new ErrorInfo { Reason = reason, Domain = "aither" }) },
        }.ToRpcException();

    private IAitherSyncClient CreateClient(Action<AitherSyncClientOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        collection.AddAitherSyncClient(o =>
        {
            o.AdminToken = AitherFactory.AdminToken;
            o.InitialBackoff = TimeSpan.FromMilliseconds(20);
            configure?.Invoke(o);
            o.Address ??= GrpcAddress;
        });
        return Track(collection.BuildServiceProvider()).GetRequiredService<IAitherSyncClient>();
    }

    private ServiceProvider Track(ServiceProvider provider)
    {
        _clients.Add(provider);
        return provider;
    }

    /// <summary>A fake clock that tells the test when the client has started waiting on it.</summary>
    private sealed class SignallingTimeProvider : FakeTimeProvider
    {
        private readonly TaskCompletionSource _timerCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task TimerCreated => _timerCreated.Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _timerCreated.TrySetResult();
            return timer;
        }
    }
}
