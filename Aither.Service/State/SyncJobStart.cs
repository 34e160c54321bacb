namespace Aither.Service.State;

/// <summary>What a new job row starts with. <see cref="ScheduleSlot"/> is the built-in schedule's occurrence, if that started it.</summary>
public sealed record SyncJobStart(DateTimeOffset StartTime, bool Force, DateTimeOffset? ScheduleSlot = null);
