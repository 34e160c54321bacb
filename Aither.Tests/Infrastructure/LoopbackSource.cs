using System.Net;
using System.Net.Sockets;

namespace Aither.Tests.Infrastructure;

/// <summary>
/// HTTP handlers whose connections come from a chosen loopback address (127.0.0.2, 127.0.0.3, …), so one test
/// can act as several clients: the service sees a different remote address for each.
/// </summary>
public static class LoopbackSource
{
    public static readonly IPAddress Attacker = IPAddress.Parse("127.0.0.2");
    public static readonly IPAddress Operator = IPAddress.Parse("127.0.0.3");

    public static SocketsHttpHandler Handler(IPAddress source) => new()
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    public static HttpClient Client(IPAddress source, Uri baseAddress) => new(Handler(source)) { BaseAddress = baseAddress };
}
