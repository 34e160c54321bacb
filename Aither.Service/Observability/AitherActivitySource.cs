using System.Diagnostics;

namespace Aither.Service.Observability;

/// <summary>
/// The service's own spans: one per sync, carrying the job id and its outcome and counts — never participant data.
/// </summary>
public static class AitherActivitySource
{
    public const string Name = "Aither.Sync";

    public static readonly ActivitySource Sync = new(Name);
}
