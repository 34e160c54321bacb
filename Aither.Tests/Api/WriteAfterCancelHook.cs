using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Aither.Tests.Api;

/// <summary>
/// A server-side interceptor that, once <see cref="Armed"/>, holds each write of a server stream until the caller's
/// cancellation has reached the server, then lets the write go through: the moment when a caller who goes away meets
/// a message the service is already writing, made certain instead of left to chance. It records how each stream's
/// service method ended.
/// </summary>
public sealed class WriteAfterCancelHook : Interceptor
{
    private readonly TaskCompletionSource<Exception?> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Armed { get; set; }

    /// <summary>How the first stream's service method ended: null when it returned, else what it threw.</summary>
    public Task<Exception?> Ended => _ended.Task;

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, new HeldWriter<TResponse>(responseStream, context, this), context);
            _ended.TrySetResult(null);
        }
        catch (Exception ex)
        {
            _ended.TrySetResult(ex);
            throw;
        }
    }

    private sealed class HeldWriter<T>(IServerStreamWriter<T> inner, ServerCallContext context, WriteAfterCancelHook hook) : IServerStreamWriter<T>
    {
        public WriteOptions? WriteOptions
        {
            get => inner.WriteOptions;
            set => inner.WriteOptions = value;
        }

        public async Task WriteAsync(T message)
        {
            if (hook.Armed)
            {
                var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await using (context.CancellationToken.Register(() => cancelled.TrySetResult()))
                {
                    await cancelled.Task;
                }
            }

            await inner.WriteAsync(message);
        }
    }
}
