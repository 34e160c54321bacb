using System.Threading.Channels;
using Aither.Service.Scheduling;
using Aither.Service.Sync;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Aither.Tests.Scheduling;

public sealed class SyncSchedulerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-30T10:07:00Z"));
    private readonly ControllablePipeline _pipeline = new();
    private readonly Channel<DateTimeOffset> _waits = Channel.CreateUnbounded<DateTimeOffset>();
    private readonly SyncCoordinator _coordinator;
    private SyncScheduler? _scheduler;

    public SyncSchedulerTests()
    {
        _coordinator = TestCoordinator.Create(_pipeline, _time);
    }

    private SyncScheduler Start(string schedule, string timeZone = "UTC")
    {
        _scheduler = new SyncScheduler(
            _coordinator,
            Options.Create(new ScheduleOptions { Schedule = schedule, TimeZone = timeZone }),
            _time,
            NullLogger<SyncScheduler>.Instance);
        _scheduler.Waiting = slot => _waits.Writer.TryWrite(slot);
        _scheduler.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return _scheduler;
    }

    private async Task<DateTimeOffset> NextWaitAsync() => await _waits.Reader.ReadAsync().AsTask().Guarded();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_scheduler is not null)
        {
            await _scheduler.StopAsync(CancellationToken.None).Guarded();
        }

        _pipeline.Succeed();
        await _coordinator.WhenIdleAsync().Guarded();
    }

    [Fact]
    public async Task Start_ValidSchedule_KnowsTheNextOccurrence()
    {
        var scheduler = Start("*/30 * * * *");

        Assert.Equal(DateTimeOffset.Parse("2026-11-30T10:30:00Z"), await NextWaitAsync());
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T10:30:00Z"), scheduler.NextOccurrence);
    }

    [Fact]
    public async Task Slot_Reached_StartsASyncOnTime()
    {
        Start("*/30 * * * *");
        await NextWaitAsync();

        _time.Advance(TimeSpan.FromMinutes(23) - TimeSpan.FromMilliseconds(1));
        Assert.Null(_coordinator.Latest);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await _pipeline.Started.Guarded();
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T10:30:00Z"), _coordinator.Latest!.StartTime);
        Assert.False(_coordinator.Latest.Force);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T11:00:00Z"), await NextWaitAsync());
    }

    [Fact]
    public async Task Slot_WhileASyncRuns_IsSkippedWithoutQueueing()
    {
        var manual = await _coordinator.TryStartAsync(force: true);
        Start("*/30 * * * *");
        await NextWaitAsync();

        _time.Advance(TimeSpan.FromMinutes(23));
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T11:00:00Z"), await NextWaitAsync());

        Assert.Equal(manual.Job.JobId, _coordinator.Latest!.JobId);
        Assert.Equal(SyncJobStatus.Running, _coordinator.Latest.Status);
        await _pipeline.Started.Guarded();
        Assert.Equal(1, _pipeline.Runs);
    }

    [Fact]
    public async Task LongPause_ManySlotsMissed_RunsOnceNotOncePerSlot()
    {
        Start("*/30 * * * *");
        await NextWaitAsync();

        // The machine slept for five hours: ten slots passed at once.
        _time.Advance(TimeSpan.FromHours(5));
        var next = await NextWaitAsync();

        await _pipeline.Started.Guarded();
        Assert.Equal(1, _pipeline.Runs);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T15:30:00Z"), next);
    }

    [Fact]
    public async Task FailingSync_ScheduleGoesOn()
    {
        Start("*/30 * * * *");
        await NextWaitAsync();
        _pipeline.Fail("hemera.courses", "Hemera answered 503");

        _time.Advance(TimeSpan.FromMinutes(23));
        await NextWaitAsync();
        await _coordinator.WhenIdleAsync().Guarded();
        Assert.Equal(SyncJobStatus.Failed, _coordinator.Latest!.Status);

        _time.Advance(TimeSpan.FromMinutes(30));
        await _pipeline.Started.Guarded();
        Assert.Equal(2, _pipeline.Runs);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T11:00:00Z"), _coordinator.Latest!.StartTime);
    }

    [Fact]
    public void NextAfter_SpringForwardInBerlin_SkipsTheMissingHourCorrectly()
    {
        // 29 March 2026: clocks jump from 02:00 to 03:00 in Europe/Berlin; 02:30 does not exist that night.
        var schedule = SyncSchedule.Parse("30 2 * * *", "Europe/Berlin");

        var onDstNight = schedule.NextAfter(DateTimeOffset.Parse("2026-03-28T12:00:00Z"))!.Value;
        var nextDay = schedule.NextAfter(onDstNight)!.Value;

        Assert.Equal(DateTimeOffset.Parse("2026-03-29T01:00:00Z"), onDstNight);
        Assert.Equal(DateTimeOffset.Parse("2026-03-30T00:30:00Z"), nextDay);
    }

    [Fact]
    public void NextAfter_FallBackInBerlin_RunsOnceInTheRepeatedHour()
    {
        // 25 October 2026: 02:00–03:00 happens twice in Europe/Berlin.
        var schedule = SyncSchedule.Parse("30 2 * * *", "Europe/Berlin");

        var first = schedule.NextAfter(DateTimeOffset.Parse("2026-10-24T12:00:00Z"))!.Value;
        var second = schedule.NextAfter(first)!.Value;

        Assert.Equal(DateTimeOffset.Parse("2026-10-25T00:30:00Z"), first);
        Assert.Equal(DateTimeOffset.Parse("2026-10-26T01:30:00Z"), second);
    }

    [Fact]
    public async Task Schedule_InATimeZone_FiresAtLocalTime()
    {
        Start("0 7 * * *", "Europe/Berlin");

        // 07:00 in Berlin in winter is 06:00 UTC; it is 10:07 UTC now, so tomorrow.
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T06:00:00Z"), await NextWaitAsync());
    }

    [Fact]
    public async Task Off_NoSchedule_NeverTriggers()
    {
        var scheduler = new SyncScheduler(_coordinator, Options.Create(new ScheduleOptions()), _time, NullLogger<SyncScheduler>.Instance);

        await scheduler.StartAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(1));
        await scheduler.StopAsync(CancellationToken.None);

        Assert.False(scheduler.Enabled);
        Assert.Null(scheduler.NextOccurrence);
        Assert.Null(_coordinator.Latest);
    }

    [Theory]
    [InlineData("*/30 * * *", "UTC", "SYNC_SCHEDULE")]
    [InlineData("every half hour", "UTC", "SYNC_SCHEDULE")]
    [InlineData("*/30 * * * * *", "UTC", "SYNC_SCHEDULE")]
    [InlineData("*/30 * * * *", "Mars/Olympus_Mons", "SYNC_SCHEDULE_TIME_ZONE")]
    public void Validate_InvalidScheduleOrZone_NamesTheVariable(string schedule, string timeZone, string variable)
    {
        var result = new ScheduleOptionsValidator().Validate(null, new ScheduleOptions { Schedule = schedule, TimeZone = timeZone });

        Assert.True(result.Failed);
        Assert.Contains(variable, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Unset_IsValidAndOff()
    {
        var options = new ScheduleOptions();

        Assert.True(new ScheduleOptionsValidator().Validate(null, options).Succeeded);
        Assert.False(options.Enabled);
    }
}
