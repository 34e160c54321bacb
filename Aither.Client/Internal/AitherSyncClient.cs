using System.Runtime.CompilerServices;
using Aither.Sync.V1;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Aither.Client.Internal;

/// <summary>The facade over the generated client: plain records in, plain records and typed exceptions out.</summary>
internal sealed class AitherSyncClient : IAitherSyncClient
{
    internal const string ErrorDomain = "aither";
    internal const string SyncInProgressReason = "SYNC_IN_PROGRESS";
    internal const string NoSyncJobReason = "NO_SYNC_JOB";
    internal const string SyncJobNotFoundReason = "SYNC_JOB_NOT_FOUND";

    private readonly SyncService.SyncServiceClient _grpc;
    private readonly AitherSyncClientOptions _options;
    private readonly TimeProvider _time;

    public AitherSyncClient(SyncService.SyncServiceClient grpc, IOptions<AitherSyncClientOptions> options, TimeProvider time)
    {
        _grpc = grpc;
        _options = options.Value;
        _time = time;
    }

    public async Task<AitherSyncStart> StartSyncAsync(bool force = false, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await _grpc.StartSyncAsync(new StartSyncRequest { Force = force }, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new AitherSyncStart(AitherSyncStartOutcome.Started, response.JobId, response.StartTime?.ToDateTimeOffset());
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists && Reason(ex) == SyncInProgressReason)
        {
            // Services since the jobId metadata name the running sync; older ones do not.
            var runningJobId = ex.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Metadata.GetValueOrDefault("jobId");
            return new AitherSyncStart(AitherSyncStartOutcome.AlreadyRunning, string.IsNullOrEmpty(runningJobId) ? null : runningJobId, null);
        }
        catch (RpcException ex)
        {
            throw Translate(ex, cancellationToken);
        }
    }

    public async Task<AitherSyncJob?> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await _grpc.GetStatusAsync(new GetStatusRequest(), cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Job is null ? null : ToRecord(response.Job);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound && Reason(ex) == NoSyncJobReason)
        {
            return null;
        }
        catch (RpcException ex)
        {
            throw Translate(ex, cancellationToken);
        }
    }

    public async Task<AitherSyncJob?> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        try
        {
            var response = await _grpc.GetSyncJobAsync(new GetSyncJobRequest { JobId = jobId }, cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Job is null ? null : ToRecord(response.Job);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound && Reason(ex) == SyncJobNotFoundReason)
        {
            return null;
        }
        catch (RpcException ex)
        {
            throw Translate(ex, cancellationToken);
        }
    }

    public async IAsyncEnumerable<AitherSyncJob> ListJobsAsync(int pageSize = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pageSize);
        var request = new ListSyncJobsRequest { PageSize = pageSize };
        do
        {
            ListSyncJobsResponse page;
            try
            {
                page = await _grpc.ListSyncJobsAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException ex)
            {
                throw Translate(ex, cancellationToken);
            }

            foreach (var job in page.Jobs)
            {
                yield return ToRecord(job);
            }

            request = new ListSyncJobsRequest { PageSize = pageSize, PageToken = page.NextPageToken };
        }
        while (request.PageToken.Length > 0);
    }

    public async IAsyncEnumerable<AitherSyncEvent> WatchAsync(string? jobId = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var call = _grpc.WatchSync(new WatchSyncRequest { JobId = jobId ?? "" }, cancellationToken: cancellationToken);
        while (true)
        {
            WatchSyncResponse change;
            try
            {
                if (!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
                {
                    yield break;
                }

                change = call.ResponseStream.Current;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound && string.IsNullOrEmpty(jobId) && Reason(ex) == NoSyncJobReason)
            {
                yield break;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound && !string.IsNullOrEmpty(jobId) && Reason(ex) == SyncJobNotFoundReason)
            {
                throw new AitherJobReplacedException(jobId, null);
            }
            catch (RpcException ex)
            {
                throw Translate(ex, cancellationToken);
            }

            yield return new AitherSyncEvent(ToRecord(change.Job), ToRecord(change.Progress));
        }
    }

    public async Task<AitherSyncJob> WaitForCompletionAsync(string jobId, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        var interval = pollInterval ?? _options.PollInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero, nameof(pollInterval));

        var watch = true;
        while (true)
        {
            if (watch)
            {
                try
                {
                    await foreach (var change in WatchAsync(jobId, cancellationToken).ConfigureAwait(false))
                    {
                        if (change.IsFinal)
                        {
                            return change.Job;
                        }
                    }
                }
                catch (AitherClientException ex) when (ex.StatusCode == StatusCode.Unimplemented)
                {
                    // A service older than WatchSync: poll from now on.
                    watch = false;
                }
                catch (AitherUnavailableException)
                {
                    // The stream broke (the instance stopped, the connection went): ask by id below, then watch again.
                }
            }

            // By id: a newer sync becoming the latest does not hide this one's outcome.
            var job = await GetJobAsync(jobId, cancellationToken).ConfigureAwait(false)
                ?? throw new AitherJobReplacedException(jobId, null);

            if (job.IsFinished)
            {
                return job;
            }

            await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<AitherSyncJob> RunSyncAsync(bool force = false, CancellationToken cancellationToken = default)
    {
        var start = await StartSyncAsync(force, cancellationToken).ConfigureAwait(false);
        if (start.IsStarted)
        {
            return await WaitForCompletionAsync(start.JobId, null, cancellationToken).ConfigureAwait(false);
        }

        if (start.JobId is { } runningJobId)
        {
            return await WaitForCompletionAsync(runningJobId, null, cancellationToken).ConfigureAwait(false);
        }

        var running = await GetStatusAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new AitherClientException(
                "The service said a sync was running, then reported no sync at all; it may have restarted.",
                StatusCode.NotFound,
                NoSyncJobReason);

        // The running sync may have ended between the two calls: then that is the end we joined.
        return running.IsFinished
            ? running
            : await WaitForCompletionAsync(running.JobId, null, cancellationToken).ConfigureAwait(false);
    }

    // Not ThrowOperationCanceledOnCancellation: it turns an exceeded deadline into a cancellation too.
    private Exception Translate(RpcException ex, CancellationToken cancellationToken)
    {
        if (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException("The call to the Aither service was cancelled by the caller.", ex, cancellationToken);
        }

        var reason = Reason(ex);
        var address = _options.Address!;
        return ex.StatusCode switch
        {
            StatusCode.Unauthenticated => new AitherAuthenticationException(
                $"The Aither service at {address} did not accept the bearer token (UNAUTHENTICATED): check AdminToken or the token provider.",
                reason,
                ex),
            StatusCode.PermissionDenied => new AitherPermissionDeniedException(
                $"The Aither service at {address} refused the call (PERMISSION_DENIED): the token lacks the admin role.",
                reason,
                ex),
            StatusCode.Unavailable => new AitherUnavailableException(
                $"The Aither service at {address} is unavailable after {_options.MaxAttempts} attempt(s): {ex.Status.Detail}",
                address,
                ex),
            StatusCode.DeadlineExceeded => new AitherTimeoutException(
                $"The call to the Aither service at {address} did not finish within its deadline ({_options.CallTimeout.TotalSeconds:0.###} s, AitherSync:CallTimeout).",
                _options.CallTimeout,
                ex),
            _ => new AitherClientException(
                $"The call to the Aither service at {address} failed with {ex.StatusCode}: {ex.Status.Detail}",
                ex.StatusCode,
                reason,
                ex),
        };
    }

    private static string? Reason(RpcException ex)
    {
        var info = ex.GetRpcStatus()?.GetDetail<ErrorInfo>();
        return info is not null && info.Domain == ErrorDomain ? info.Reason : null;
    }

    private static AitherSyncProgress ToRecord(SyncJobProgress? progress) => new(
        progress?.Phase switch
        {
            SyncPhase.FetchingCourses => AitherSyncPhase.FetchingCourses,
            SyncPhase.FetchingDetail => AitherSyncPhase.FetchingDetail,
            SyncPhase.Rendering => AitherSyncPhase.Rendering,
            SyncPhase.Writing => AitherSyncPhase.Writing,
            _ => AitherSyncPhase.Unknown,
        },
        progress?.CoursePagesFetched ?? 0);

    private static AitherSyncJob ToRecord(Aither.Sync.V1.SyncJob job) => new(
        job.JobId,
        job.Status switch
        {
            SyncStatus.Running => AitherSyncStatus.Running,
            SyncStatus.Success => AitherSyncStatus.Success,
            SyncStatus.Failed => AitherSyncStatus.Failed,
            _ => AitherSyncStatus.Unknown,
        },
        job.StartTime?.ToDateTimeOffset() ?? default,
        job.EndTime?.ToDateTimeOffset(),
        job.HasDurationMs ? TimeSpan.FromMilliseconds(job.DurationMs) : null,
        job.HasCourseId ? job.CourseId : null,
        job.NoUpcomingCourse,
        job.ParticipantsFetched,
        job.FilesGenerated,
        job.FilesSkipped,
        job.Errors.Select(e => new AitherSyncError(e.Entity, e.Message, e.Timestamp?.ToDateTimeOffset() ?? default)).ToArray());
}
