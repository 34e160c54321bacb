namespace Aither.Service.Sync;

/// <summary>
/// Makes job ids of the form <c>sync-&lt;unix ms&gt;</c>. Two jobs in the same millisecond (or after the clock
/// stepped back) get the next free millisecond, so ids stay unique and ordered within the process.
/// </summary>
internal sealed class SyncJobIdGenerator
{
    private readonly Lock _lock = new();
    private long _last;

    public string Next(DateTimeOffset now)
    {
        lock (_lock)
        {
            _last = Math.Max(now.ToUnixTimeMilliseconds(), _last + 1);
            return $"sync-{_last}";
        }
    }
}
