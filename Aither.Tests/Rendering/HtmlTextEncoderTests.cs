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
