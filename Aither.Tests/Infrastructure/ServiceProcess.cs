using System.Diagnostics;

namespace Aither.Tests.Infrastructure;

/// <summary>
/// The built service run as an operator runs it, in its own process: its real stdout and stderr, line by line,
/// its exit code, and a kill on dispose.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    /// <summary>A cold `dotnet run` on the shared 2-core machine can take a while; this only guards against hanging.</summary>
    public static readonly TimeSpan StartGuard = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ITestOutputHelper? _output;
    private event Action? LineArrived;

    private ServiceProcess(ProcessStartInfo start, ITestOutputHelper? output)
    {
        _output = output;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Receive(e.Data, _stdout, _stdoutClosed, "out");
        _process.ErrorDataReceived += (_, e) => Receive(e.Data, _stderr, _stderrClosed, "err");
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The service's build output (the test project copies it beside the tests).</summary>
    public static string ServiceDll => Path.Combine(AppContext.BaseDirectory, "Aither.Service.dll");

    public static string SolutionRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Aither.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Aither.sln.");
        }
    }

    public static string BuildConfiguration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    /// <summary>Variables of the test run that would change how the service starts; removed unless a test sets them.</summary>
    private static readonly string[] Inherited = ["ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_CONTENTROOT", "DOTNET_CONTENTROOT"];

    public static ServiceProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, ITestOutputHelper? output = null)
    {
        var start = new ProcessStartInfo(fileName, arguments) { WorkingDirectory = workingDirectory };
        foreach (var name in Inherited)
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new ServiceProcess(start, output);
    }

    /// <summary>Environment for a Production start that passes validation, on the given ports.</summary>
    public static Dictionary<string, string> ProductionEnvironment(int restPort, int grpcPort) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Kestrel__Endpoints__Rest__Url"] = $"http://127.0.0.1:{restPort}",
        ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
        ["HEMERA_API_BASE_URL"] = "http://127.0.0.1:9",
        ["HEMERA_API_KEY"] = "test-hemera-key",
        ["AITHER_ADMIN_TOKEN"] = AitherFactory.AdminToken,
    };


    public IReadOnlyList<string> Stdout
    {
        get
        {
            lock (_stdout)
            {
                return [.. _stdout];
            }
        }
    }

    public IReadOnlyList<string> Stderr
    {
        get
        {
            lock (_stderr)
            {
                return [.. _stderr];
            }
        }
    }

    /// <summary>Waits until a stdout line matches, failing early when the process ends first.</summary>
    public async Task<string> WaitForStdoutAsync(Func<string, bool> match)
    {
        var arrived = new SemaphoreSlim(0);
        void Signal() => arrived.Release();
        LineArrived += Signal;
        try
        {
            using var guard = new CancellationTokenSource(StartGuard);
            while (true)
            {
                if (Stdout.FirstOrDefault(match) is { } line)
                {
                    return line;
                }

                if (_stdoutClosed.Task.IsCompleted)
                {
                    throw new InvalidOperationException(
                        $"The service ended (exit code {(_process.HasExited ? _process.ExitCode : -1)}) before the expected line. stderr: {string.Join('\n', Stderr)}");
                }

                await arrived.WaitAsync(guard.Token);
            }
        }
        finally
        {
            LineArrived -= Signal;
        }
    }

    /// <summary>Waits for the process to end and for its output to be read to the end; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(StartGuard);
        await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(StartGuard);
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as a service manager stops the service; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync().WaitAsync(StartGuard);
        }

        return await WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(StartGuard);
        }

        _process.Dispose();
    }

    private void Receive(string? line, List<string> lines, TaskCompletionSource closed, string stream)
    {
        if (line is null)
        {
            closed.TrySetResult();
        }
        else
        {
            lock (lines)
            {
                lines.Add(line);
            }

            try
            {
                _output?.WriteLine($"[{stream}] {line}");
            }
            catch (InvalidOperationException)
            {
                // The test has already finished.
            }
        }

        LineArrived?.Invoke();
    }
}
