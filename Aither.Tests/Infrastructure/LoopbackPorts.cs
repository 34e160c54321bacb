using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Aither.Tests.Infrastructure;

/// <summary>
/// Free loopback ports for the servers the tests start on Kestrel or in a process of their own. A port the kernel
/// hands out for port 0 lies in its ephemeral range, where every outgoing connection on the machine also gets its
/// local port: between the probe and the server's bind, a client socket can take it ("address already in use").
/// These ports come from below that range instead, where no outgoing connection is given one; each is probed by a
/// bind, and within a test run each is handed out once, walking from a random start so two runs rarely meet.
/// </summary>
public static class LoopbackPorts
{
    private const int Lowest = 10_000;
    private const string EphemeralRange = "/proc/sys/net/ipv4/ip_local_port_range";

    private static readonly int Ceiling = EphemeralStart();
    private static int _next = Ceiling > Lowest ? Random.Shared.Next(Lowest, Ceiling) : 0;

    /// <summary>A loopback port that nothing listened on when it was probed.</summary>
    public static int Next()
    {
        if (Ceiling <= Lowest)
        {
            return Probe(0) ?? throw new InvalidOperationException("The kernel gave no free loopback port.");
        }

        for (var attempt = 0; attempt < Ceiling - Lowest; attempt++)
        {
            var port = Lowest + (Interlocked.Increment(ref _next) % (Ceiling - Lowest));
            if (Probe(port) is { } free)
            {
                return free;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {Lowest} and {Ceiling}.");
    }

    private static int? Probe(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    /// <summary>The first port of the kernel's ephemeral range (Linux); 0 where it cannot be read.</summary>
    private static int EphemeralStart()
    {
        try
        {
            var first = File.ReadAllText(EphemeralRange).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
            return int.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }
}
