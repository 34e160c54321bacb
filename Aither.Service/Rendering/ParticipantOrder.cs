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

    public static IReadOnlyList<Participant> Sort(IEnumerable<Participant> participants)
    {
        var source = participants.ToArray();
        var order = new int[source.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Array.Sort is not stable; comparing input positions last keeps participants that are equal in every key
        // in the order given, as the LINQ sort this replaces did.
        Array.Sort(order, (i, j) => Compare(source[i], source[j]) is var result && result != 0 ? result : i.CompareTo(j));

        var sorted = new Participant[source.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = source[order[i]];
        }

        return sorted;
    }

    private static int Compare(Participant x, Participant y)
    {
        var result = NullLast(x.Name, y.Name);
        if (result == 0)
        {
            result = GermanNames.Compare(x.Name, y.Name);
        }

        if (result == 0)
        {
            result = NullLast(x.ParticipationId, y.ParticipationId);
        }

        if (result == 0)
        {
            result = StringComparer.Ordinal.Compare(x.ParticipationId, y.ParticipationId);
        }

        if (result == 0)
        {
            result = StringComparer.Ordinal.Compare(x.UserId, y.UserId);
        }

        return result != 0 ? result : StringComparer.Ordinal.Compare(x.BookingId, y.BookingId);
    }

    private static int NullLast(string? x, string? y) => (x is null).CompareTo(y is null);
}
