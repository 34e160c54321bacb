using System.Net;
using netDumbster.smtp;

namespace Aither.Tests.Infrastructure;

/// <summary>A real SMTP server on 127.0.0.1 (netDumbster) that records every message as it arrived.</summary>
public sealed class SmtpStandIn : IDisposable
{
    private readonly SimpleSmtpServer _server;
    private readonly Lock _lock = new();
    private readonly List<SmtpMessage> _messages = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SmtpStandIn()
    {
        _server = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        _server.MessageReceived += (_, args) =>
        {
            lock (_lock)
            {
                _messages.Add(args.Message);
                _changed.TrySetResult();
                _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        };
    }

    public int Port => _server.Configuration.Port;

    public IReadOnlyList<SmtpMessage> Messages
    {
        get
        {
            lock (_lock)
            {
                return _messages.ToArray();
            }
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived.</summary>
    public async Task<IReadOnlyList<SmtpMessage>> WaitForAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Guard);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_messages.Count >= count)
                {
                    return _messages.ToArray();
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(timeout.Token);
        }
    }

    public void Dispose() => _server.Dispose();
}
