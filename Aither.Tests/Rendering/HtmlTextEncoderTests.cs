using System.Text;
using Aither.Service.Rendering;

namespace Aither.Tests.Rendering;

public sealed class HtmlTextEncoderTests
{
    public static TheoryData<string> Texts => new()
    {
        "",
        "plain",
        "Größere Zusammenhänge <b>klar</b> & \"ruhig\" sagen: a=b, `code`, it's\nneue Zeile\t–€😀",
        "&&<<>>\"\"''``==",
        "<script>alert('x')</script>",
        new string('ä', 5_000) + "<" + new string('x', 70_000) + "'",
        // Around the encoder's 1,024-character buffer: entities only, runs of every length up to beyond it, a run
        // that fills it exactly, and a tail that just fits or just does not.
        new string('<', 3_000),
        string.Concat(Enumerable.Range(0, 400).Select(i => new string('x', i * 7 % 1_100) + "&\"'`="[i % 5])),
        new string('x', 1_019) + "&" + new string('y', 1_024) + "'" + new string('z', 1_020),
        "<" + new string('x', 1_019),
        "<" + new string('x', 1_020),
        "<" + new string('x', 1_021),
        string.Concat(Enumerable.Repeat("😀<", 2_000)),
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Encode_AnyText_WritesWhatHandlebarsWrites(string text)
    {
        var expected = new StringWriter();
        new HandlebarsDotNet.HtmlEncoder().Encode(text, expected);

        var fromString = new StringWriter();
        new HtmlTextEncoder().Encode(text, fromString);
        var fromBuilder = new StringWriter();
        new HtmlTextEncoder().Encode(new StringBuilder(text), fromBuilder);
        var fromEnumerator = new StringWriter();
        new HtmlTextEncoder().Encode(text.GetEnumerator(), fromEnumerator);

        Assert.Equal(expected.ToString(), fromString.ToString());
        Assert.Equal(expected.ToString(), fromBuilder.ToString());
        Assert.Equal(expected.ToString(), fromEnumerator.ToString());
    }
}
