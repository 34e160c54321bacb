namespace Aither.Tests.Docs;

/// <summary>One `dotnet build` of a sample: its project folder, the built program, the exit code and what the build printed.</summary>
public sealed record SampleBuild(string ProjectDirectory, string Program, int ExitCode, string Output);
