using System.Diagnostics;
using Aither.Tests.Infrastructure;

namespace Aither.Tests.Docs;

/// <summary>
/// The class fixture of <see cref="CSharpSamplesTests"/>: each distinct sample is built once (a `dotnet build` takes
/// seconds), so the test that runs the client sample uses the build the test of that sample made, or makes it first.
/// A build that fails fails every test that needs it.
/// </summary>
public sealed class SampleBuilds : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Task<SampleBuild>> _builds = new(StringComparer.Ordinal);
    private readonly List<TempDirectory> _projects = [];

    /// <summary>Builds <paramref name="code"/> as the Program.cs of a console app referencing Aither.Client, or returns that build.</summary>
    public Task<SampleBuild> BuildAsync(string code)
    {
        lock (_lock)
        {
            if (!_builds.TryGetValue(code, out var build))
            {
                var project = new TempDirectory();
                _projects.Add(project);
                build = BuildCoreAsync(project, code);
                _builds.Add(code, build);
            }

            return build;
        }
    }

    /// <summary>Runs <paramref name="file"/> to its end; returns its exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string file, string[] arguments, string directory, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            UseShellExecute = false,
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(ServiceProcess.StartGuard);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var project in _projects)
            {
                project.Dispose();
            }
        }
    }

    private static async Task<SampleBuild> BuildCoreAsync(TempDirectory project, string code)
    {
        var client = Path.Combine(ServiceProcess.SolutionRoot, "Aither.Client", "Aither.Client.csproj");
        await File.WriteAllTextAsync(project.Combine("Program.cs"), code);
        await File.WriteAllTextAsync(project.Combine("Sample.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{client}" />
                <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.15" />
              </ItemGroup>
            </Project>
            """);

        var (exitCode, stdout, stderr) = await RunAsync("dotnet",
            ["build", "Sample.csproj", "-c", ServiceProcess.BuildConfiguration, "--nologo", "-v", "q", "-o", project.Combine("out")],
            project.Path, []);
        return new SampleBuild(project.Path, project.Combine("out", "Sample.dll"), exitCode, stdout + stderr);
    }
}
