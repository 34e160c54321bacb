using System.Globalization;
using Aither.Service.Hemera;

namespace Aither.Service.Rendering;

/// <summary>
/// The order participants appear in on the page, which is also the order they are hashed in: German name
/// order (no name last), then participation id. The trailing ordinal keys only make the order total, so the
/// same set of participants always yields the same page and hash whatever order Hemera lists them in.
/// </summary>
public static class ParticipantOrder
{
    private static readonly StringComparer GermanNames = StringComparer.Create(CultureInfo.GetCultureInfo("de-DE"), ignoreCase: false);

    public static IReadOnlyList<Participant> Sort(IEnumerable<Participant> participants) =>
        participants
            .OrderBy(p => p.Name is null)
            .ThenBy(p => p.Name, GermanNames)
            .ThenBy(p => p.ParticipationId is null)
            .ThenBy(p => p.ParticipationId, StringComparer.Ordinal)
            .ThenBy(p => p.UserId, StringComparer.Ordinal)
            .ThenBy(p => p.BookingId, StringComparer.Ordinal)
            .ToArray();
}
