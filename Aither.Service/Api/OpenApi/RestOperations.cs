using Aither.Service.Api.Rest;
using Aither.Sync.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Aither.Service.Api.OpenApi;

/// <summary>
/// What the envelope does with each transcoded RPC. JSON transcoding's metadata knows the routes and the proto
/// messages but not the envelope, so this table adds it; a transcoded RPC missing here stops the document from
/// being generated (and so fails the tests), and the examples come from the real mapping in <see cref="RestContract"/>.
/// </summary>
internal static class RestOperations
{
    public const string StartedJob = "StartedJob";
    public const string AlreadyRunningJob = "AlreadyRunningJob";
    public const string SyncJob = "SyncJob";
    public const string SyncJobPage = "SyncJobPage";
    public const string SyncJobDetail = "SyncJobDetail";
    public const string SyncJobProgress = "SyncJobProgress";

    public const string Json = "application/json";
    public const string EventStream = "application/x-ndjson";

    private static readonly Dictionary<string, Func<RestOperation>> Operations = new(StringComparer.Ordinal)
    {
        [SyncService.Descriptor.FindMethodByName("StartSync").FullName] = () => new(
            [new(StatusCodes.Status202Accepted, StartedJob, "The sync was started and runs on in the background", Data(RestExamples.Started()))],
            [ApiErrors.SyncInProgressReason]),
        [SyncService.Descriptor.FindMethodByName("GetStatus").FullName] = () => new(
            [new(StatusCodes.Status200OK, SyncJob, "The running sync, or the last finished one", Data(RestExamples.Status()))],
            [ApiErrors.NoSyncJobReason]),
        [SyncService.Descriptor.FindMethodByName("ListSyncJobs").FullName] = () => new(
            [new(StatusCodes.Status200OK, SyncJobPage, "One page of the recorded syncs, newest first", Data(RestExamples.Page()))],
            [ApiErrors.InvalidPageTokenReason]),
        [SyncService.Descriptor.FindMethodByName("GetSyncJob").FullName] = () => new(
            [new(StatusCodes.Status200OK, SyncJobDetail, "The recorded sync of this id, running or finished, with its progress", Data(RestExamples.Job()))],
            [ApiErrors.SyncJobNotFoundReason]),
        [SyncService.Descriptor.FindMethodByName("WatchSync").FullName] = () => new(
            [
                new(
                    StatusCodes.Status200OK,
                    SyncJobDetail,
                    "Newline-delimited JSON, one envelope per line: the sync's state at once, one per phase change and progress step, "
                    + "the final state last. A failure after the first line ends the stream with an error envelope line "
                    + "(`SHUTTING_DOWN` when the instance stops: watch again).",
                    Data(RestExamples.Event()),
                    EventStream),
            ],
            [ApiErrors.SyncJobNotFoundReason, ApiErrors.NoSyncJobReason, ApiErrors.ShuttingDownReason]),
        [SyncService.Descriptor.FindMethodByName("TriggerCronSync").FullName] = () => new(
            [
                new(StatusCodes.Status202Accepted, StartedJob, "This trigger started a sync", Data(RestExamples.CronStarted())),
                new(StatusCodes.Status200OK, AlreadyRunningJob, "A sync was already running; nothing new was started", Data(RestExamples.CronAlreadyRunning())),
            ],
            []),
    };

    public static RestOperation For(MethodDescriptor method) =>
        Operations.TryGetValue(method.FullName, out var operation)
            ? operation()
            : throw new InvalidOperationException($"The REST envelope of {method.FullName} is not described; add it to {nameof(RestOperations)}");

    /// <summary>The REST <c>data</c> schemas: which proto message each one is read from, and the fields the envelope shows differently.</summary>
    public static IEnumerable<(string Id, MessageDescriptor Message, IReadOnlyDictionary<string, IReadOnlyList<string>> TextEnums, IReadOnlyList<(string Name, string SchemaId)> Extra)> DataSchemas()
    {
        var jobStatus = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["status"] = StatusTexts() };
        var none = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        yield return (StartedJob, StartSyncResponse.Descriptor, StatusOf(RestExamples.Started()), []);
        // The cron route's overlap answer puts its own word in place of the job's status.
        yield return (AlreadyRunningJob, StartSyncResponse.Descriptor, StatusOf(RestExamples.CronAlreadyRunning()), []);
        yield return (SyncJob, Aither.Sync.V1.SyncJob.Descriptor, jobStatus, []);
        // The job-by-id and event answers: the job's keys plus its progress.
        yield return (SyncJobDetail, Aither.Sync.V1.SyncJob.Descriptor, jobStatus, [("progress", SyncJobProgress)]);
        yield return (SyncJobProgress, Aither.Sync.V1.SyncJobProgress.Descriptor, new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["phase"] = PhaseTexts() }, []);
        yield return ("SyncError", SyncError.Descriptor, none, []);
        yield return (SyncJobPage, ListSyncJobsResponse.Descriptor, none, []);
    }

    /// <summary>Timestamps the envelope always fills (the mapping never leaves them unset), so they are not nullable.</summary>
    public static bool IsAlwaysSet(FieldDescriptor field) =>
        field.Name is "start_time" || (field.ContainingType == SyncError.Descriptor && field.Name == "timestamp");

    /// <summary>Strings the envelope sends as JSON null when empty.</summary>
    public static bool IsNullWhenEmpty(FieldDescriptor field) =>
        (field.ContainingType == ListSyncJobsResponse.Descriptor && field.Name == "next_page_token")
        || (field.ContainingType == Aither.Sync.V1.SyncJobProgress.Descriptor && field.Name == "phase");

    private static string[] PhaseTexts() =>
        Enum.GetValues<Sync.SyncJobPhase>().Select(p => Sync.SyncJobPhaseText.ToText(p)).OfType<string>().ToArray();

    private static string[] StatusTexts() =>
        Enum.GetValues<SyncStatus>().Where(s => s != SyncStatus.Unspecified).Select(RestContract.ToText).ToArray();

    private static Dictionary<string, IReadOnlyList<string>> StatusOf(IMessage response) =>
        new(StringComparer.Ordinal) { ["status"] = [((RestContract.StartedJobJson)Data(response)).Status] };

    private static object Data(IMessage response) => RestContract.ToSuccess(response).Data;
}
