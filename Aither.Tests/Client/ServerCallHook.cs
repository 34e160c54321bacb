using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Aither.Tests.Client;

/// <summary>
/// A server-side interceptor the test scripts: it can hold a call until released, or make a call fail with
/// UNAVAILABLE before or after the real service handled it. Registered as a singleton so the test keeps hold of it.
/// </summary>
public sealed class ServerCallHook : Interceptor
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _handledWaiters = [];
    private int _calls;
    private int _handled;

    /// <summary>Hold every call until <see cref="Release"/> (or the call's deadline).</summary>
    public bool Hold { get; set; }

    /// <summary>Refuse this many calls with UNAVAILABLE before they reach the service.</summary>
    public int RefuseBefore { get; set; }

    /// <summary>Let this many calls reach the service, then answer UNAVAILABLE instead of the response.</summary>
    public int LoseResponses { get; set; }

    /// <summary>Fail every call with this error before it reaches the service.</summary>
    public RpcException? FailWith { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public void Release() => _release.TrySetResult();

    /// <summary>Completes once the service itself has handled <paramref name="count"/> calls.</summary>
    public Task Handled(int count)
    {
        lock (_lock)
        {
            if (_handled >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _handledWaiters.Add((count, reached));
            return reached.Task;
        }
    }

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var call = Interlocked.Increment(ref _calls);
        if (Hold)
        {
            await _release.Task.WaitAsync(context.CancellationToken);
        }

        if (FailWith is { } error)
        {
            throw error;
        }

        if (call <= RefuseBefore)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "test: refused before the service"));
        }

        var response = await continuation(request, context);
        lock (_lock)
        {
            _handled++;
            foreach (var waiter in _handledWaiters.Where(w => w.Count <= _handled))
            {
                waiter.Reached.TrySetResult();
            }
        }

        if (call <= RefuseBefore + LoseResponses)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "test: response lost"));
        }

        return response;
    }
}
