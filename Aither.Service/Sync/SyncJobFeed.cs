using System.Threading.Channels;

namespace Aither.Service.Sync;

/// <summary>
/// The changes of the one job this instance runs, for the watchers on this instance: each subscriber gets the job
/// as it was when it subscribed, then every later change in order, and its reader completes after the final state.
/// </summary>
internal sealed class SyncJobFeed(SyncJobSnapshot initial)
{
    private readonly Lock _lock = new();
    private readonly List<Channel<SyncJobSnapshot>> _subscribers = [];
    private SyncJobSnapshot _current = initial;
    private bool _ended;

    public string JobId { get; } = initial.JobId;

    /// <summary>Publishes a change; a snapshot that is no longer running is the last one.</summary>
    public void Publish(SyncJobSnapshot job)
    {
        lock (_lock)
        {
            if (_ended)
            {
                return;
            }

            _current = job;
            _ended = job.Status != SyncJobStatus.Running;
            foreach (var subscriber in _subscribers)
            {
                // Unbounded: a job has a handful of phases and at most a few hundred course pages.
                subscriber.Writer.TryWrite(job);
                if (_ended)
                {
                    subscriber.Writer.TryComplete();
                }
            }

            if (_ended)
            {
                _subscribers.Clear();
            }
        }
    }

    /// <summary>The job now, and a reader of every change after it (already complete when the job has ended).</summary>
    public (SyncJobSnapshot Current, ChannelReader<SyncJobSnapshot> Changes) Subscribe()
    {
        var channel = Channel.CreateUnbounded<SyncJobSnapshot>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        lock (_lock)
        {
            if (_ended)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _subscribers.Add(channel);
            }

            return (_current, channel.Reader);
        }
    }

    /// <summary>Drops a subscriber that stopped reading (its caller went away).</summary>
    public void Unsubscribe(ChannelReader<SyncJobSnapshot> changes)
    {
        lock (_lock)
        {
            _subscribers.RemoveAll(channel => ReferenceEquals(channel.Reader, changes));
        }
    }
}
