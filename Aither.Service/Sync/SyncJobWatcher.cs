using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Aither.Service.State;
using Microsoft.Extensions.Options;

namespace Aither.Service.Sync;

/// <summary>
/// Follows one job to its end for WatchSync. On the instance that runs it, every change comes from the coordinator's
/// feed as it happens; any other instance reads the job from the state store every SYNC_STATE_REFRESH_MS (the
/// runner writes phase changes at once and counter steps a few times a second), so it may skip steps but never
/// the end.
/// </summary>
public sealed class SyncJobWatcher(SyncCoordinator coordinator, TimeProvider time, IOptions<StateOptions> state)
{
    /// <summary>With SYNC_STATE_REFRESH_MS=0 (always read the store) a watcher still pauses between reads.</summary>
    private static readonly TimeSpan MinimumPollInterval = TimeSpan.FromMilliseconds(100);

    private readonly TimeSpan _pollInterval = TimeSpan.FromMilliseconds(Math.Max(state.Value.RefreshMs, MinimumPollInterval.TotalMilliseconds));

    /// <summary>
    /// The job's states from now until its end: the current one at once, then each change; a finished job yields its
    /// final state only. An empty <paramref name="jobId"/> follows the latest job. Null when there is no such job.
    /// </summary>
    /// <exception cref="StateStoreException">The state store cannot be reached (also while enumerating).</exception>
    public async Task<IAsyncEnumerable<SyncJobSnapshot>?> WatchAsync(string? jobId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(jobId))
        {
            var latest = await coordinator.GetLatestAsync(cancellationToken).ConfigureAwait(false);
            if (latest is null)
            {
                return null;
            }

            jobId = latest.JobId;
        }

        if (coordinator.FeedOf(jobId) is { } feed)
        {
            var (current, changes) = feed.Subscribe();
            return FollowFeedAsync(feed, current, changes, CancellationToken.None);
        }

        var job = await coordinator.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        return job is null ? null : PollStoreAsync(job, CancellationToken.None);
    }

    private static async IAsyncEnumerable<SyncJobSnapshot> FollowFeedAsync(
        SyncJobFeed feed,
        SyncJobSnapshot current,
        ChannelReader<SyncJobSnapshot> changes,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            yield return current;
            await foreach (var job in changes.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return job;
            }
        }
        finally
        {
            feed.Unsubscribe(changes);
        }
    }

    private async IAsyncEnumerable<SyncJobSnapshot> PollStoreAsync(SyncJobSnapshot job, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var last = job;
        yield return last;
        while (last.Status == SyncJobStatus.Running)
        {
            await Task.Delay(_pollInterval, time, cancellationToken).ConfigureAwait(false);
            // GetJobAsync also fails a running row whose instance died, so a watcher never waits forever for it.
            var next = await coordinator.GetJobAsync(last.JobId, cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                // Pruned while running: impossible while the history keeps at least the newest job; end quietly.
                yield break;
            }

            if (!Same(next, last))
            {
                last = next;
                yield return last;
            }
        }
    }

    private static bool Same(SyncJobSnapshot a, SyncJobSnapshot b) =>
        a with { Errors = b.Errors } == b && a.Errors.Count == b.Errors.Count;
}
