namespace Aither.Service.State;

/// <summary>
/// The held sync lock. Disposing releases it. <see cref="Lost"/> fires when the lock can no longer be trusted
/// (PostgreSQL: its connection dropped); a run holding it must stop and must not commit output.
/// </summary>
public interface ISyncLockLease : IAsyncDisposable
{
    CancellationToken Lost { get; }
}
