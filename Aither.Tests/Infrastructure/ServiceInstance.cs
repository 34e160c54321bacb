namespace Aither.Tests.Infrastructure;

/// <summary>
/// A running instance of the built service (<see cref="ServiceProcess"/>, Production settings, REST on a free
/// loopback port) with an admin client, for what only separate processes show: OS file locks, kill -9, two
/// instances on one state store.
/// </summary>
public sealed class ServiceInstance : IAsyncDisposable
{
    private readonly ServiceProcess _process;
    private bool _killed;

    private ServiceInstance(ServiceProcess process, Uri address)
    {
        _process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TestTimeouts.Guard };
        Client.DefaultRequestHeaders.Authorization = new("Bearer", AitherFactory.AdminToken);
    }

    public Uri Address { get; }

    /// <summary>A client sending the admin token.</summary>
    public HttpClient Client { get; }

    /// <summary>The service's stdout so far, line by line.</summary>
    public IReadOnlyList<string> Stdout => _process.Stdout;

    /// <summary>Starts the service with <paramref name="environment"/> over a valid Production baseline; waits until it answers <c>/healthz</c>.</summary>
    public static async Task<ServiceInstance> StartAsync(IReadOnlyDictionary<string, string> environment, ITestOutputHelper? output = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortsAsync(environment, output);
            }
            catch (InvalidOperationException ex) when (attempt < 3 && ex.Message.Contains("already in use", StringComparison.Ordinal))
            {
                // A test running in parallel took the free port between the probe and the bind: pick new ports.
            }
        }
    }

    private static async Task<ServiceInstance> StartOnFreePortsAsync(IReadOnlyDictionary<string, string> environment, ITestOutputHelper? output)
    {
        var restPort = LoopbackPorts.Next();
        var settings = ServiceProcess.ProductionEnvironment(restPort, LoopbackPorts.Next());
        foreach (var (key, value) in environment)
        {
            settings[key] = value;
        }

        var process = ServiceProcess.Start("dotnet", [ServiceProcess.ServiceDll], AppContext.BaseDirectory, settings, output);
        var instance = new ServiceInstance(process, new Uri($"http://127.0.0.1:{restPort}"));
        try
        {
            await instance.WaitUntilServingAsync().WaitAsync(ServiceProcess.StartGuard);
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }

        return instance;
    }

    /// <summary>kill -9: no shutdown code runs; its connections and file locks go with the process.</summary>
    public async Task KillAsync()
    {
        if (!_killed)
        {
            _killed = true;
            await _process.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await KillAsync();
    }

    private async Task WaitUntilServingAsync()
    {
        var exited = _process.WaitForExitAsync();
        while (true)
        {
            if (exited.IsCompleted)
            {
                // The exit code tells a crash (134 abort, 139 segfault) or a kill from outside (137, 143) from a refused start (1).
                var code = await exited;
                throw new InvalidOperationException(
                    $"The service exited with code {code} before serving. stderr: {string.Join('\n', _process.Stderr)} stdout (last lines): {string.Join('\n', _process.Stdout.TakeLast(10))}");
            }

            try
            {
                using var response = await Client.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            // Polls a process that is starting up; it offers nothing to await instead.
            await Task.WhenAny(exited, Task.Delay(50));
        }
    }
}
