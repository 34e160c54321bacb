namespace Aither.Service.Sync;

/// <summary>How a phase is spelled wherever it leaves the process as text: the REST contract and the state database.</summary>
public static class SyncJobPhaseText
{
    public const string FetchingCourses = "fetching_courses";
    public const string FetchingDetail = "fetching_detail";
    public const string Rendering = "rendering";
    public const string Writing = "writing";

    /// <summary>The phase's word; null for <see cref="SyncJobPhase.None"/>.</summary>
    public static string? ToText(this SyncJobPhase phase) => phase switch
    {
        SyncJobPhase.None => null,
        SyncJobPhase.FetchingCourses => FetchingCourses,
        SyncJobPhase.FetchingDetail => FetchingDetail,
        SyncJobPhase.Rendering => Rendering,
        SyncJobPhase.Writing => Writing,
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, null),
    };

    /// <summary>Null and unknown words (from a newer version sharing the store) read as <see cref="SyncJobPhase.None"/>.</summary>
    public static SyncJobPhase Parse(string? text) => text switch
    {
        FetchingCourses => SyncJobPhase.FetchingCourses,
        FetchingDetail => SyncJobPhase.FetchingDetail,
        Rendering => SyncJobPhase.Rendering,
        Writing => SyncJobPhase.Writing,
        _ => SyncJobPhase.None,
    };
}
