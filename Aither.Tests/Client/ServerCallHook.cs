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
    private int _streams;
    private int _handled;

    /// <summary>Hold every call until <see cref="Release"/> (or the call's deadline).</summary>
    public bool Hold { get; set; }

    /// <summary>Refuse this many calls with UNAVAILABLE before they reach the service.</summary>
    public int RefuseBefore { get; set; }

    /// <summary>Let this many calls reach the service, then answer UNAVAILABLE instead of the response.</summary>
    public int LoseResponses { get; set; }

    /// <summary>Fail every call with this error before it reaches the service.</summary>
    public RpcException? FailWith { get; set; }

    /// <summary>Answer every server-streaming call UNIMPLEMENTED, as a service older than the method does.</summary>
    public bool RefuseStreams { get; set; }

    /// <summary>Unary calls that reached the hook.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Server-streaming calls that reached the hook.</summary>
    public int Streams => Volatile.Read(ref _streams);

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
        CountHandled();

        if (call <= RefuseBefore + LoseResponses)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "test: response lost"));
        }

        return response;
    }

    /// <summary>A stream counts as handled once the service has sent its first message.</summary>
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Interlocked.Increment(ref _streams);
        if (RefuseStreams)
        {
            throw new RpcException(new Status(StatusCode.Unimplemented, "test: a service without this method"));
        }

        await continuation(request, new FirstMessageCounter<TResponse>(responseStream, this), context);
    }

    private void CountHandled()
    {
        lock (_lock)
        {
            _handled++;
            foreach (var waiter in _handledWaiters.Where(w => w.Count <= _handled))
            {
                waiter.Reached.TrySetResult();
            }
        }
    }

    private sealed class FirstMessageCounter<T>(IServerStreamWriter<T> inner, ServerCallHook hook) : IServerStreamWriter<T>
    {
        private bool _counted;

        public WriteOptions? WriteOptions
        {
            get => inner.WriteOptions;
            set => inner.WriteOptions = value;
        }

        public async Task WriteAsync(T message)
        {
            await inner.WriteAsync(message);
            if (!_counted)
            {
                _counted = true;
                hook.CountHandled();
            }
        }
    }
}
