namespace Aither.Service.Hemera;

/// <summary>
/// RFC 3339 date-times as Hemera sends them: <c>yyyy-MM-ddTHH:mm:ss</c>, an optional fraction of any length
/// (digits beyond 100 ns are dropped) and an explicit offset, <c>Z</c> or <c>±hh:mm</c>. Read in place: the course
/// detail carries a few per participant, so the parse allocates nothing.
/// </summary>
internal static class Rfc3339
{
    private const int MaxOffsetMinutes = 14 * 60;

    public static bool TryParse(ReadOnlySpan<char> value, out DateTimeOffset result)
    {
        result = default;
        if (value.Length < 20 || value[4] != '-' || value[7] != '-' || value[10] is not ('T' or 't') || value[13] != ':' || value[16] != ':'
            || !TryDigits(value.Slice(0, 4), out var year) || !TryDigits(value.Slice(5, 2), out var month)
            || !TryDigits(value.Slice(8, 2), out var day) || !TryDigits(value.Slice(11, 2), out var hour)
            || !TryDigits(value.Slice(14, 2), out var minute) || !TryDigits(value.Slice(17, 2), out var second))
        {
            return false;
        }

        var rest = value[19..];
        var fractionTicks = 0L;
        if (rest[0] == '.')
        {
            var digits = 1;
            while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
            {
                digits++;
            }

            if (digits == 1)
            {
                return false;
            }

            for (var i = 1; i <= 7; i++)
            {
                fractionTicks = (fractionTicks * 10) + (i < digits ? rest[i] - '0' : 0);
            }

            rest = rest[digits..];
        }

        if (!TryOffset(rest, out var offsetMinutes)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var localTicks = new DateTime(year, month, day, hour, minute, second).Ticks + fractionTicks;
        var utcTicks = localTicks - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        result = new DateTimeOffset(localTicks, TimeSpan.FromMinutes(offsetMinutes));
        return true;
    }

    private static bool TryOffset(ReadOnlySpan<char> text, out int minutes)
    {
        minutes = 0;
        if (text is ['Z' or 'z'])
        {
            return true;
        }

        if (text.Length != 6 || text[0] is not ('+' or '-') || text[3] != ':'
            || !TryDigits(text.Slice(1, 2), out var hours) || !TryDigits(text.Slice(4, 2), out var mins) || mins > 59)
        {
            return false;
        }

        minutes = (text[0] == '-' ? -1 : 1) * ((hours * 60) + mins);
        return Math.Abs(minutes) <= MaxOffsetMinutes;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int number)
    {
        number = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            number = (number * 10) + (c - '0');
        }

        return true;
    }
}
