using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Aither.Tests.Hostile;

/// <summary>Reads the corpus files under <c>Hostile/Corpus</c>: one case per line, <c>#</c> comments, placeholders.</summary>
public static partial class HostileCorpus
{
    public sealed record Case(string File, int Line, string Text)
    {
        public override string ToString() => $"{File}:{Line}: {Text}";
    }

    public static IReadOnlyList<Case> Read(string fileName) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Hostile", "Corpus", fileName))
            .Select((text, index) => new Case(fileName, index + 1, text))
            .Where(c => c.Text.Length > 0 && !c.Text.StartsWith('#'))
            .ToArray();

    /// <summary>Replaces <c>{x:N}</c> and the named secrets.</summary>
    public static string Expand(string text, IReadOnlyDictionary<string, string> secrets)
    {
        text = Repeat().Replace(text, m => new string('x', int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
        foreach (var (name, value) in secrets)
        {
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The raw corpus's escapes: \r \n \0 \xHH; everything else is sent as Latin-1.</summary>
    public static byte[] RawBytes(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                switch (text[i + 1])
                {
                    case 'r': bytes.Add((byte)'\r'); i++; continue;
                    case 'n': bytes.Add((byte)'\n'); i++; continue;
                    case '0': bytes.Add(0); i++; continue;
                    case 'x' when i + 3 < text.Length:
                        bytes.Add(byte.Parse(text.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        i += 3;
                        continue;
                }
            }

            bytes.Add((byte)text[i]);
        }

        return bytes.ToArray();
    }

    public static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    [GeneratedRegex(@"\{x:(\d+)\}")]
    private static partial Regex Repeat();
}
