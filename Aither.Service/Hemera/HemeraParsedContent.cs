namespace Aither.Service.Hemera;

/// <summary>What <see cref="HemeraBodyLimitHandler"/> read from a body: the reader's result, or an error body's bytes.</summary>
/// <remarks>
/// Disposing drops the value: the HTTP stack may keep a response (and so its content) referenced after the call,
/// and a parsed course holds every participant's texts.
/// </remarks>
internal sealed class HemeraParsedContent(object value) : HttpContent
{
    public object Value { get; private set; } = value;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Value = null!;
        }

        base.Dispose(disposing);
    }

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => throw new NotSupportedException();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
