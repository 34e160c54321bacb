namespace Aither.Tests.Infrastructure;

public sealed record RecordedRequest(string Method, string Path, int Status);
