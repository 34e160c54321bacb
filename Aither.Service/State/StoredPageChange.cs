namespace Aither.Service.State;

/// <summary>What a finished job does to the <see cref="StoredPage"/>, written in the transaction that records its end.</summary>
public abstract record StoredPageChange
{
    /// <summary>The stored page stays (a failed job, or one that did not touch the page).</summary>
    public static readonly StoredPageChange None = new Keep();

    private StoredPageChange()
    {
    }

    /// <summary>The stored page stays as it is.</summary>
    public sealed record Keep : StoredPageChange;

    /// <summary>
    /// The stored page becomes the one <paramref name="JobId"/> wrote, streamed from <paramref name="Content"/>,
    /// which stays the caller's to dispose.
    /// </summary>
    public sealed record Replace(string JobId, PageContent Content) : StoredPageChange;

    /// <summary>The stored page becomes the fact that <paramref name="JobId"/> found no upcoming course: no bytes are kept.</summary>
    public sealed record NoUpcomingCourse(string JobId) : StoredPageChange;

    /// <summary>
    /// An unchanged sync: the page on disk is the one <paramref name="PageJobId"/> wrote. The stored page stays when
    /// it is that one; otherwise (a store that never had it, e.g. after an upgrade, or one a crash left behind) it
    /// becomes what <paramref name="Load"/> opens on disk, unless that is null (the file could not be read). The
    /// store disposes what <paramref name="Load"/> returns.
    /// </summary>
    public sealed record KeepOrLoad(string PageJobId, Func<PageContent?> Load) : StoredPageChange;
}
