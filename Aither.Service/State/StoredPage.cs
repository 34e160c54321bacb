namespace Aither.Service.State;

/// <summary>
/// The page every instance serves at <c>/room</c>, as the store keeps it: the current one only, never a history,
/// because it holds personal data.
/// </summary>
/// <param name="JobId">The sync that wrote the page (the manifest's job), or that found no upcoming course.</param>
/// <param name="Html">The page as written to disk (UTF-8, without the refresh script); null when that sync found no upcoming course.</param>
/// <param name="Sha256">SHA-256 of <paramref name="Html"/>, lowercase hex; null with it.</param>
public sealed record StoredPage(string JobId, byte[]? Html, string? Sha256)
{
    public bool NoUpcomingCourse => Html is null;

    public StoredPageVersion Version => new(JobId, Sha256);

    /// <summary>The fact that <paramref name="jobId"/> found no upcoming course: no page is kept.</summary>
    public static StoredPage NoCourse(string jobId) => new(jobId, null, null);
}
