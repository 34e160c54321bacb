using System.Threading.Channels;

namespace Aither.Service.Monitoring;

/// <summary>
/// Scrubbed, serialized items waiting for the sender. Bounded: when full, the oldest item is dropped and
/// counted, so a slow or unreachable Rollbar can never make a sync or a request wait or grow memory.
/// </summary>
public sealed class RollbarQueue
{
    private readonly Channel<byte[]> _channel;
    private long _dropped;

    public RollbarQueue(int capacity, AitherMetrics? metrics = null)
    {
        Capacity = capacity;
        _channel = Channel.CreateBounded<byte[]>(
            new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = false,
            },
            _ =>
            {
                Interlocked.Increment(ref _dropped);
                metrics?.RollbarItemDropped();
            });
    }

    public int Capacity { get; }

    /// <summary>Items dropped because the queue was full or already closed.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public int Count => _channel.Reader.Count;

    internal ChannelReader<byte[]> Reader => _channel.Reader;

    /// <summary>Never blocks and never throws.</summary>
    public void Enqueue(byte[] item)
    {
        if (!_channel.Writer.TryWrite(item))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>No more items: the sender drains what is left and stops.</summary>
    internal void Complete() => _channel.Writer.TryComplete();
}
