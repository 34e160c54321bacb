using System.Diagnostics.CodeAnalysis;

namespace Aither.Client;

/// <summary>One error of a sync. Never holds secrets or participant texts.</summary>
/// <param name="Entity">What the error is about: <c>sync</c>, <c>hemera.courses</c>, <c>hemera.course-detail</c>, <c>render</c>, <c>output</c> or <c>manifest</c>.</param>
/// <param name="Message">What went wrong, for an operator.</param>
/// <param name="Timestamp">When the error was recorded.</param>
public sealed record AitherSyncError(string Entity, string Message, DateTimeOffset Timestamp);
