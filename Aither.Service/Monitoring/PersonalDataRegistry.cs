using Aither.Service.Hemera;

namespace Aither.Service.Monitoring;

/// <summary>
/// The participant names and texts this process has seen, so that the scrubber can remove them from any item,
/// even from an exception message that quoted them by mistake. Bounded: the oldest values are forgotten first.
/// </summary>
public sealed class PersonalDataRegistry : IHemeraCatalogObserver
{
    internal const int Capacity = 20_000;
    private const int MinimumLength = 3;
    // One lock rather than concurrent collections: ConcurrentDictionary.Count takes every bucket lock, and asking it
    // once per value made remembering a 20,000-participant course take most of a second.
    private readonly Lock _lock = new();
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _pendingLock = new();
    private Task _pending = Task.CompletedTask;

    /// <summary>
    /// Remembers the course's participants on a pool thread, in the order courses arrive: for a large course that
    /// takes tens of milliseconds, which the sync does not wait for. <see cref="Snapshot"/> waits for it, so an item
    /// sent meanwhile is still scrubbed of these values.
    /// </summary>
    public void CourseDetailLoaded(CourseDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        lock (_pendingLock)
        {
            _pending = _pending.ContinueWith(
                _ => RememberAll(detail.Participants), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    public void Remember(Participant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        RememberName(participant.Name);
        Remember(participant.PreparationIntent);
        Remember(participant.DesiredResults);
        Remember(participant.LineManagerProfile);
    }

    private void RememberAll(IReadOnlyList<Participant> participants)
    {
        foreach (var participant in participants)
        {
            Remember(participant);
        }
    }

    /// <summary>The full name and each of its parts: a message may quote just the surname.</summary>
    public void RememberName(string? name)
    {
        Remember(name);
        foreach (var part in (name ?? "").Split([' ', ',', '-'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Remember(part);
        }
    }

    public void Remember(string? value)
    {
        value = value?.Trim();
        if (value is null || value.Length < MinimumLength)
        {
            return;
        }

        lock (_lock)
        {
            if (!_values.Add(value))
            {
                return;
            }

            _order.Enqueue(value);
            while (_values.Count > Capacity)
            {
                _values.Remove(_order.Dequeue());
            }
        }
    }

    /// <summary>Longest first, so that a full name is replaced before one of its parts.</summary>
    internal IReadOnlyList<string> Snapshot()
    {
        Task pending;
        lock (_pendingLock)
        {
            pending = _pending;
        }

        pending.Wait();
        string[] values;
        lock (_lock)
        {
            values = [.. _values];
        }

        return values.OrderByDescending(v => v.Length).ToArray();
    }
}
